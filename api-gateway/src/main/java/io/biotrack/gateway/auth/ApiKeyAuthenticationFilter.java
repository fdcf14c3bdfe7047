package io.biotrack.gateway.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every request under {@code /api/}: a signed URL, an API key ({@code Authorization:
 * Bearer <key>} or {@code X-Api-Key: <key>}), or, where allowed, no key at all (embedded mode on
 * loopback, one local tenant). Puts the {@link Caller} into the exchange. Keys are never logged; a
 * failure says what was wrong, never which keys exist.
 */
public final class ApiKeyAuthenticationFilter implements WebFilter {
  public static final String API_KEY_HEADER = "X-Api-Key";
  private static final String BEARER = "bearer ";

  private final ApiKeys apiKeys;
  private final String anonymousTenant;
  private final SignedUrlAuthenticator signedUrls;

  /**
   * @param anonymousTenant the tenant of requests without a key; null to require keys
   */
  public ApiKeyAuthenticationFilter(
      ApiKeys apiKeys, String anonymousTenant, SignedUrlAuthenticator signedUrls) {
    this.apiKeys = apiKeys;
    this.anonymousTenant = anonymousTenant;
    this.signedUrls = signedUrls;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (!(path.startsWith("/api/") || path.equals("/api"))) {
      return chain.filter(exchange);
    }
    return authenticate(exchange.getRequest())
        .flatMap(
            caller -> {
              exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
              return chain.filter(exchange);
            });
  }

  Mono<Caller> authenticate(ServerHttpRequest request) {
    if (SignedUrlAuthenticator.isSigned(request)) {
      return signedUrls.authenticate(request);
    }
    String key;
    try {
      key = presentedKey(request.getHeaders());
    } catch (UnauthenticatedException e) {
      return Mono.error(e);
    }
    if (key != null) {
      return apiKeys
          .tenantOf(key)
          .map(tenant -> Mono.just(new Caller(tenant, Caller.Via.API_KEY)))
          .orElseGet(() -> Mono.error(new UnauthenticatedException("the API key is not valid")));
    }
    if (anonymousTenant != null) {
      return Mono.just(new Caller(anonymousTenant, Caller.Via.ANONYMOUS));
    }
    return Mono.error(
        new UnauthenticatedException(
            "an API key is required: send 'Authorization: Bearer <key>' or '"
                + API_KEY_HEADER
                + ": <key>'"));
  }

  /** The key from either header; null when neither is there. */
  private static String presentedKey(HttpHeaders headers) {
    String header = headers.getFirst(API_KEY_HEADER);
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization == null || authorization.isBlank()) {
      return null;
    }
    if (authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new UnauthenticatedException(
          "the Authorization header must be 'Bearer <key>' (no other scheme is accepted)");
    }
    return authorization.substring(BEARER.length()).trim();
  }
}
