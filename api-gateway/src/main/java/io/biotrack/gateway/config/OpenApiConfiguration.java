package io.biotrack.gateway.config;

import io.biotrack.gateway.auth.ApiKeyAuthenticationFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header and the two ways to send an API key. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
  @Bean
  public OpenAPI biotrackOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Biotrack API")
                .version("v1")
                .description(
                    "Runs MegaDetector v5 over camera-trap photos: create a job, upload the"
                        + " images, start it, poll it, download the results. Errors are"
                        + " application/problem+json (RFC 9457).")
                .license(new License().name("see the repository")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecuritySchemes(
                    "apiKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name(ApiKeyAuthenticationFilter.API_KEY_HEADER)))
        .addSecurityItem(new SecurityRequirement().addList("bearer"))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }
}
