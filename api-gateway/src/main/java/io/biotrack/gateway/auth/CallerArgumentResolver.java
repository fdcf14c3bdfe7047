package io.biotrack.gateway.auth;

import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Hands handler methods the {@link Caller} that {@link ApiKeyAuthenticationFilter} found. */
public final class CallerArgumentResolver implements HandlerMethodArgumentResolver {
  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType().equals(Caller.class);
  }

  @Override
  public Mono<Object> resolveArgument(
      MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
    Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
    return caller == null
        ? Mono.error(new UnauthenticatedException("the request was not authenticated"))
        : Mono.just(caller);
  }
}
