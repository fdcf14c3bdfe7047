package io.biotrack.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.files.InvalidFileNameException;
import io.biotrack.gateway.auth.MisdirectedRequestException;
import io.biotrack.storage.BlobNameRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** What reaches the log: anyone can send bad requests, so they must not flood it. */
class ProblemWebExceptionHandlerTest {
  final ProblemWebExceptionHandler handler =
      new ProblemWebExceptionHandler(new ProblemMapper(), new ObjectMapper());
  final Logger logger = (Logger) LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  Level before;

  @BeforeEach
  void capture() {
    before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logged);
    logger.setLevel(before);
  }

  private MockServerWebExchange handle(Throwable error) {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.put("/api/v1/jobs/j/files/d"));
    handler.handle(exchange, error).block();
    return exchange;
  }

  @Test
  void clientMistakesAreLoggedAtDebugWithoutAStackTrace() {
    for (RuntimeException mistake :
        new RuntimeException[] {
          new BlobNameRefusedException(
              "j/d", BlobNameRefusedException.Reason.FOLDER_CONFLICT, "it is a folder"),
          new InvalidFileNameException("x", "is bad"),
          new MisdirectedRequestException("wrong host")
        }) {
      MockServerWebExchange exchange = handle(mistake);
      assertThat(exchange.getResponse().getStatusCode().is4xxClientError()).isTrue();
      assertThat(exchange.getResponse().getHeaders().getContentType())
          .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
    assertThat(logged.list)
        .hasSize(3)
        .allSatisfy(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
              assertThat(event.getThrowableProxy()).isNull();
            });
  }

  @Test
  void aServerFaultIsLoggedOnceAsAnErrorWithItsStackTrace() {
    MockServerWebExchange exchange = handle(new IllegalStateException("disk on fire"));
    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
    assertThat(logged.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.ERROR);
              assertThat(event.getThrowableProxy().getMessage()).isEqualTo("disk on fire");
            });
  }
}
