package io.biotrack.gateway.ui;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Browser hardening for the web UI's pages and assets ({@code /}, {@code /index.html}, {@code
 * /ui/**}): scripts and styles only from this origin (the UI has no inline code), images also from
 * the {@code blob:} URLs it makes of fetched uploads, uploads to this origin or an HTTPS blob
 * endpoint (Azure SAS URLs), and no framing. The page is revalidated on each load.
 */
public final class UiSecurityHeaders implements WebFilter {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
          + " connect-src 'self' https:; object-src 'none'; base-uri 'none';"
          + " frame-ancestors 'none'; form-action 'self'";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (isUi(path)) {
      HttpHeaders headers = exchange.getResponse().getHeaders();
      headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "no-referrer");
      if (!path.startsWith("/ui/")) {
        // The page itself (the welcome page gets no caching headers of its own).
        headers.setCacheControl(CacheControl.noCache());
      }
    }
    return chain.filter(exchange);
  }

  static boolean isUi(String path) {
    return path.equals("/") || path.equals("/index.html") || path.startsWith("/ui/");
  }
}
