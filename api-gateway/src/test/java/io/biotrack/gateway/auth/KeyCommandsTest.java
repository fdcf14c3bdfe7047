package io.biotrack.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyCommandsTest {
  @Test
  void hashKeyPrintsWhatSha256sumPrints() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        KeyCommands.hashKey(
            new ByteArrayInputStream("test\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  }

  @Test
  void newKeyPrintsAKeyAndAnEntryThatAcceptsIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        KeyCommands.newKey(
            new String[] {"acme"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(code).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    String key = lines[0].substring(lines[0].lastIndexOf(' ') + 1).strip();
    String entry = lines[1].substring(lines[1].lastIndexOf(' ') + 1).strip();
    assertThat(ApiKeys.parse(entry).tenantOf(key)).contains("acme");
  }
}
