package io.biotrack.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class UiSecurityHeadersTest {
  private final UiSecurityHeaders filter = new UiSecurityHeaders();

  private HttpHeaders headersFor(String path) {
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
    filter.filter(exchange, e -> Mono.empty()).block();
    return exchange.getResponse().getHeaders();
  }

  @Test
  void thePageGetsAPolicyAndIsRevalidated() {
    HttpHeaders page = headersFor("/");
    assertThat(page.getFirst("Content-Security-Policy"))
        .contains("script-src 'self'", "img-src 'self' blob: data:", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(page.getCacheControl()).isEqualTo("no-cache");
    assertThat(page.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(headersFor("/index.html").getFirst("Content-Security-Policy")).isNotNull();
  }

  @Test
  void assetsGetThePolicyAndKeepTheirOwnCaching() {
    HttpHeaders asset = headersFor("/ui/js/app.js");
    assertThat(asset.getFirst("Content-Security-Policy")).isNotNull();
    assertThat(asset.getCacheControl()).isNull();
  }

  @Test
  void theApiAndItsDocumentationAreLeftAlone() {
    for (String path : new String[] {"/api/v1/jobs", "/swagger-ui.html", "/v3/api-docs"}) {
      assertThat(headersFor(path).getFirst("Content-Security-Policy")).as(path).isNull();
    }
  }
}
