package io.biotrack.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class LoopbackHostFilterTest {
  static final String HOST = "127.0.0.1:8080";
  final LoopbackHostFilter filter =
      new LoopbackHostFilter(new LocalHostNames(URI.create("http://127.0.0.1:8080")));

  /** Runs the filter; true when the request went on down the chain. */
  private boolean passes(MockServerHttpRequest.BaseBuilder<?> request) {
    AtomicBoolean reached = new AtomicBoolean();
    filter
        .filter(
            MockServerWebExchange.from(request),
            exchange -> {
              reached.set(true);
              return Mono.empty();
            })
        .block();
    return reached.get();
  }

  @Test
  void loopbackRequestsWithoutAnOriginPassAsCurlSendsThem() {
    assertThat(
            passes(
                MockServerHttpRequest.post("http://127.0.0.1:8080/api/v1/jobs")
                    .header("Host", HOST)))
        .isTrue();
    assertThat(
            passes(
                MockServerHttpRequest.get("http://localhost:8080/")
                    .header("Host", "localhost:8080")))
        .isTrue();
    assertThat(
            passes(
                MockServerHttpRequest.put("http://127.0.0.1:8080/api/v1/jobs/j/files/a.jpg")
                    .header("Host", HOST)
                    .header(HttpHeaders.ORIGIN, "http://127.0.0.1:8080")
                    .header(LoopbackHostFilter.SEC_FETCH_SITE, "same-origin")))
        .as("the web UI uploading through a signed link")
        .isTrue();
  }

  @Test
  void aForeignHostIsMisdirectedForEveryPathAndMethod() {
    for (MockServerHttpRequest.BaseBuilder<?> request :
        java.util.List.<MockServerHttpRequest.BaseBuilder<?>>of(
            MockServerHttpRequest.post("http://rebind.attacker.example:8080/api/v1/jobs")
                .header("Host", "rebind.attacker.example:8080")
                .header(HttpHeaders.ORIGIN, "http://rebind.attacker.example:8080"),
            MockServerHttpRequest.get("http://rebind.attacker.example:8080/")
                .header("Host", "rebind.attacker.example:8080"),
            MockServerHttpRequest.get("http://x/actuator/health").header("Host", "x"),
            MockServerHttpRequest.get("http://127.0.0.1:8080/")
                .header("Host", HOST)
                .header("Host", "evil.example"))) {
      assertThatThrownBy(() -> passes(request))
          .isInstanceOf(MisdirectedRequestException.class)
          .hasMessageContaining("127.0.0.1, localhost, [::1]");
    }
  }

  @Test
  void aRequestWithoutAHostIsCheckedAsAddressedToWhereItArrived() {
    assertThat(
            passes(
                MockServerHttpRequest.post("http://127.0.0.1:8080/api/v1/jobs")
                    .header(HttpHeaders.ORIGIN, "http://127.0.0.1:8080")))
        .isTrue();
    assertThatThrownBy(() -> passes(MockServerHttpRequest.post("http://10.1.2.3:8080/api/v1/jobs")))
        .isInstanceOf(MisdirectedRequestException.class);
    // Names no host at all: nothing foreign to refuse, but no Origin can be its own either.
    assertThat(passes(MockServerHttpRequest.post("/api/v1/jobs"))).isTrue();
    assertThatThrownBy(
            () ->
                passes(
                    MockServerHttpRequest.post("/api/v1/jobs")
                        .header(HttpHeaders.ORIGIN, "http://127.0.0.1:8080")))
        .isInstanceOf(CrossSiteRequestException.class);
  }

  @Test
  void aStateChangingRequestFromAnotherSiteIsRefused() {
    for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
      for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1:3000"}) {
        assertThatThrownBy(
                () ->
                    passes(
                        MockServerHttpRequest.method(
                                org.springframework.http.HttpMethod.valueOf(method),
                                URI.create("http://127.0.0.1:8080/api/v1/jobs/j/start"))
                            .header("Host", HOST)
                            .header(HttpHeaders.ORIGIN, origin)))
            .as(method + " from " + origin)
            .isInstanceOf(CrossSiteRequestException.class)
            .hasMessageContaining("curl");
      }
    }
    assertThatThrownBy(
            () ->
                passes(
                    MockServerHttpRequest.post("http://127.0.0.1:8080/api/v1/jobs")
                        .header("Host", HOST)
                        .header(LoopbackHostFilter.SEC_FETCH_SITE, "cross-site")))
        .as("no Origin, but the browser says it is cross-site")
        .isInstanceOf(CrossSiteRequestException.class);
    assertThatThrownBy(
            () ->
                passes(
                    MockServerHttpRequest.post("http://127.0.0.1:8080/api/v1/jobs")
                        .header("Host", HOST)
                        .header(
                            HttpHeaders.ORIGIN, "http://127.0.0.1:8080", "http://evil.example")))
        .isInstanceOf(CrossSiteRequestException.class);
  }

  @Test
  void readsFromAnotherSiteAreLeftToTheBrowsersSameOriginPolicy() {
    assertThat(
            passes(
                MockServerHttpRequest.get("http://127.0.0.1:8080/api/v1/jobs")
                    .header("Host", HOST)
                    .header(HttpHeaders.ORIGIN, "http://evil.example")
                    .header(LoopbackHostFilter.SEC_FETCH_SITE, "cross-site")))
        .isTrue();
  }

  @Test
  void itRunsBeforeAuthentication() {
    assertThat(filter.getOrder()).isLessThan(Ordered.LOWEST_PRECEDENCE);
  }
}
