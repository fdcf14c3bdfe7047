package io.biotrack.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobMessageTest {
  private static final String ID = "0123456789abcdefghjkmnpqrs";

  @Test
  void writesTheContractFormat() {
    assertThat(JobMessage.of(ID, "acme").toJson())
        .isEqualTo("{\"version\":1,\"jobId\":\"" + ID + "\",\"tenant\":\"acme\"}");
  }

  @Test
  void roundTripsAndEscapesTheTenant() {
    JobMessage message = JobMessage.of(ID, "a \"quoted\" tenant");
    assertThat(JobMessage.parse(message.toJson())).isEqualTo(message);
  }

  @Test
  void ignoresFieldsAddedLaterAndKeyOrder() {
    assertThat(
            JobMessage.parse(
                "{\"tenant\":\"t\",\"extra\":[1],\"jobId\":\"" + ID + "\",\"version\":1}"))
        .isEqualTo(JobMessage.of(ID, "t"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[1,2]",
        "\"a string\"",
        "null",
        "{\"jobId\":\"" + ID + "\",\"tenant\":\"t\"}",
        "{\"version\":2,\"jobId\":\"" + ID + "\",\"tenant\":\"t\"}",
        "{\"version\":\"1\",\"jobId\":\"" + ID + "\",\"tenant\":\"t\"}",
        "{\"version\":1,\"jobId\":\"../etc\",\"tenant\":\"t\"}",
        "{\"version\":1,\"jobId\":42,\"tenant\":\"t\"}",
        "{\"version\":1,\"jobId\":\"" + ID + "\"}",
        "{\"version\":1,\"jobId\":\"" + ID + "\",\"tenant\":\"  \"}",
        "eyJ2ZXJzaW9uIjoxfQ==",
      })
  void refusesAnythingElseWithATypedError(String body) {
    assertThatThrownBy(() -> JobMessage.parse(body))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageStartingWith("malformed job message: ");
  }

  @Test
  void aQueuedMessageParsesItsBody() {
    QueuedMessage received = new QueuedMessage("1", "r", JobMessage.of(ID, "t").toJson(), 1);
    assertThat(received.jobMessage().jobId()).isEqualTo(ID);
    assertThatThrownBy(() -> new QueuedMessage("1", "r", "{}", 1).jobMessage())
        .isInstanceOf(MalformedMessageException.class);
  }
}
