package io.biotrack.gateway.config;

import io.biotrack.gateway.auth.CallerArgumentResolver;
import io.biotrack.gateway.ui.UiSecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebFluxConfigurer {
  @Bean
  public UiSecurityHeaders uiSecurityHeaders() {
    return new UiSecurityHeaders();
  }

  @Override
  public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
    configurer.addCustomResolver(new CallerArgumentResolver());
  }
}
