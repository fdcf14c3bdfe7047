package io.biotrack.gateway.bench;

import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The benchmark's baseline: a bare WebFlux endpoint in the same server that answers a constant JSON
 * body of about a job's size, with no auth, no storage and no blocking hop. Only exists under the
 * {@code bench} profile.
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
public class BareEndpointConfiguration {
  public static final String PATH = "/bench/bare";

  private static final byte[] BODY =
      ("{\"jobId\":\"zybqp0axtwze14egeq9ppebc11\",\"name\":\"bench\",\"status\":\"QUEUED\","
           + "\"imageCount\":1,\"processedCount\":0,\"failedCount\":0,\"detectionCount\":0,"
           + "\"attempt\":0,\"createdAt\":\"2025-11-25T18:00:00Z\","
           + "\"updatedAt\":\"2025-11-25T18:00:01Z\",\"options\":{\"confidenceThreshold\":0.005}}")
          .getBytes(StandardCharsets.UTF_8);

  @Bean
  public RouterFunction<ServerResponse> bareEndpoint() {
    return RouterFunctions.route()
        .GET(
            PATH,
            request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(BODY))
        .build();
  }
}
