package io.biotrack.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * Writes every error that reaches the web layer (handlers, filters, routing, codecs) as {@code
 * application/problem+json}, via {@link ProblemMapper}. Runs before Spring Boot's default error
 * handler, so no other error format ever leaves the gateway.
 */
public final class ProblemWebExceptionHandler implements WebExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

  private final ProblemMapper mapper;
  private final ObjectMapper json;

  public ProblemWebExceptionHandler(ProblemMapper mapper, ObjectMapper json) {
    this.mapper = mapper;
    this.json = json;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    ServerHttpResponse response = exchange.getResponse();
    String path = exchange.getRequest().getPath().value();
    if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
      // The client went away; there is nobody to answer and nothing went wrong here.
      log.debug("{} {}: client disconnected", exchange.getRequest().getMethod(), path);
      return Mono.empty();
    }
    ProblemDetail problem = mapper.toProblem(error, path);
    if (problem.getStatus() >= 500) {
      log.error("{} {} failed", exchange.getRequest().getMethod(), path, error);
    } else {
      log.debug(
          "{} {}: {} {}",
          exchange.getRequest().getMethod(),
          path,
          problem.getStatus(),
          problem.getDetail());
    }
    if (response.isCommitted()) {
      // Part of a streamed body already went out: all that is left is to break the connection.
      return Mono.error(error);
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      return Mono.error(e);
    }
    HttpHeaders headers = response.getHeaders();
    headers.remove(HttpHeaders.CONTENT_DISPOSITION);
    headers.remove(HttpHeaders.CONTENT_LENGTH);
    if (error instanceof ErrorResponse framework) {
      // e.g. Allow on 405, Accept on 415
      framework.getHeaders().forEach(headers::put);
    }
    response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"biotrack\"");
    }
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
