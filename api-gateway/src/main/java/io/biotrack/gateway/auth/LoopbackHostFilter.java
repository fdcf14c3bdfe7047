package io.biotrack.gateway.auth;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keyless mode only (embedded, no API keys, on loopback): listening on 127.0.0.1 keeps other
 * machines out, but not web pages in this machine's browser. This filter keeps them out too.
 *
 * <ul>
 *   <li><b>DNS rebinding.</b> A page of {@code attacker.example} that re-points its name to
 *       127.0.0.1 reaches this server as "same origin" with {@code Host: attacker.example}. Every
 *       request (API, UI files, actuator) must name a loopback host or the public URL's host, else
 *       421 Misdirected Request: the server is not the one that name means.
 *   <li><b>Cross-site writes.</b> Any page can send a form POST or a simple fetch to 127.0.0.1
 *       without reading the answer; without keys nothing would stop it from creating or deleting
 *       jobs. A state-changing request (POST, PUT, PATCH, DELETE) whose {@code Origin} is not this
 *       gateway's own (including {@code Origin: null}) or that the browser marks {@code
 *       Sec-Fetch-Site: cross-site} gets 403. No {@code Origin} at all is fine: curl and scripts
 *       send none, and browsers always send one with such requests.
 * </ul>
 *
 * <p>With API keys the gateway is reachable from other machines and pages cannot use the keys, so
 * this filter is not installed. Ordered before authentication, so a refused request gets no further
 * than here.
 */
public final class LoopbackHostFilter implements WebFilter, Ordered {
  /** Right after Spring Boot's observation filter, so refusals still count in the metrics. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
  private static final Set<HttpMethod> STATE_CHANGING =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private final LocalHostNames names;

  public LoopbackHostFilter(LocalHostNames names) {
    this.names = names;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    HttpHeaders headers = request.getHeaders();
    List<String> hostHeaders = headers.getOrEmpty(HttpHeaders.HOST);
    String host = hostHeaders.size() == 1 ? hostHeaders.get(0) : authority(request.getURI());
    if (hostHeaders.size() > 1 || (host != null && !names.isAllowedHost(host))) {
      return Mono.error(new MisdirectedRequestException(misdirected()));
    }
    if (STATE_CHANGING.contains(request.getMethod())) {
      List<String> origins = headers.getOrEmpty(HttpHeaders.ORIGIN);
      boolean foreignOrigin =
          origins.size() > 1
              || (origins.size() == 1
                  && (host == null || !names.isOwnOrigin(origins.get(0), scheme(request), host)));
      if (foreignOrigin || "cross-site".equalsIgnoreCase(headers.getFirst(SEC_FETCH_SITE))) {
        return Mono.error(
            new CrossSiteRequestException(
                "a page of another web site may not change anything here: without API keys this"
                    + " server accepts changes only from its own pages and from programs that send"
                    + " no Origin header, such as curl; use the web UI or the API directly"));
      }
    }
    return chain.filter(exchange);
  }

  /**
   * Where a request without a Host header arrived: HTTP/1.1 requires the header and browsers always
   * send it, so only other programs omit it; Reactor Netty then fills the URI in from the local
   * address. Null for a URI without a host (a request built in memory, as in tests), which names no
   * foreign host either.
   */
  private static String authority(URI uri) {
    if (uri.getHost() == null) {
      return null;
    }
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  private static String scheme(ServerHttpRequest request) {
    String scheme = request.getURI().getScheme();
    return scheme == null ? "http" : scheme;
  }

  private String misdirected() {
    String publicHost = names.publicHost();
    return "this server runs without API keys and answers only to this machine's own names"
        + " (127.0.0.1, localhost, [::1]"
        + (publicHost == null ? "" : ", " + publicHost)
        + "); open it at one of those, set BIOTRACK_PUBLIC_URL to the address you use, or"
        + " configure API keys (BIOTRACK_API_KEYS) to serve other names";
  }
}
