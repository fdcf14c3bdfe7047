package io.biotrack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentReaderTest {
  private final Map<String, String> variables = new HashMap<>();
  private final EnvironmentReader env = new EnvironmentReader(variables::get);

  @Test
  void unsetAndBlankGiveTheFallbackAndValuesAreTrimmed() {
    variables.put("B", "  ");
    variables.put("C", " value ");

    assertThat(env.string("A", "fallback")).isEqualTo("fallback");
    assertThat(env.string("B")).isNull();
    assertThat(env.string("C")).isEqualTo("value");
    assertThat(env.integer("A", 7, 1, 10)).isEqualTo(7);
    assertThat(env.seconds("A", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(env.bool("B", true)).isTrue();
    assertThat(env.list("A", ",", List.of("x"))).containsExactly("x");
    assertThat(env.map("A")).isEmpty();
    assertThat(env.hasProblems()).isFalse();
    env.throwIfProblems();
  }

  @Test
  void typedValues() {
    variables.put("N", "12");
    variables.put("D", "0.25");
    variables.put("S", "2.5");
    variables.put("Z", "0");
    variables.put("F", "TRUE");
    variables.put("L", "java  -jar w.jar");
    variables.put("M", "a=1, b = 2");
    variables.put("P", "/srv/./data");
    variables.put("U", "https://example.org/x");
    variables.put("K", "Json");

    assertThat(env.integer("N", 0, 1, 100)).isEqualTo(12);
    assertThat(env.requiredLong("N", 0, Long.MAX_VALUE)).isEqualTo(12L);
    assertThat(env.decimal("D", 0, 0, 1)).isEqualTo(0.25);
    assertThat(env.seconds("S", null)).isEqualTo(Duration.ofMillis(2500));
    assertThat(env.secondsOrNone("Z", Duration.ofHours(6))).isNull();
    assertThat(env.bool("F", false)).isTrue();
    assertThat(env.list("L", " ", List.of())).containsExactly("java", "-jar", "w.jar");
    assertThat(env.map("M")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(env.path("P")).isEqualTo(Path.of("/srv/data"));
    assertThat(env.httpUrl("U")).hasHost("example.org");
    Map<String, String> formats = new LinkedHashMap<>();
    formats.put("text", "T");
    formats.put("json", "J");
    assertThat(env.choice("K", "T", formats)).isEqualTo("J");
    assertThat(env.problems()).isEmpty();
  }

  @Test
  void collectsEveryProblemWordedAlikeAndThrowsThemAtOnce() {
    variables.put("WHOLE", "zero");
    variables.put("LOW", "0");
    variables.put("UNBOUNDED", "-1");
    variables.put("FRACTION", "2");
    variables.put("SECONDS", "a minute");
    variables.put("FLAG", "yes");
    variables.put("PAIRS", "a=1,b");
    variables.put("URL", "ftp://x");
    variables.put("CHOICE", "xml");
    variables.put("DOC", "{");

    env.required("MISSING");
    env.required("ALSO_MISSING", "when BIOTRACK_STORAGE=local");
    env.integer("WHOLE", 1, 1, 10);
    env.integer("LOW", 1, 1, 100_000);
    env.requiredInteger("UNBOUNDED", 0, Integer.MAX_VALUE);
    env.requiredDecimal("FRACTION", 0, 1);
    env.seconds("SECONDS", Duration.ZERO);
    env.bool("FLAG", false);
    env.map("PAIRS");
    env.httpUrl("URL");
    env.choice("CHOICE", "text", Map.of("text", "text"));
    env.parsed(
        "DOC",
        value -> {
          throw new IllegalArgumentException("is not JSON");
        });
    env.check(
        () -> {
          throw new SettingsException(List.of("A and B must differ"));
        });
    env.required("MISSING"); // said once

    assertThatThrownBy(env::throwIfProblems)
        .isInstanceOfSatisfying(
            SettingsException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "MISSING is required",
                        "ALSO_MISSING is required when BIOTRACK_STORAGE=local",
                        "WHOLE must be a whole number, was 'zero'",
                        "LOW must be between 1 and 100000, was 0",
                        "UNBOUNDED must be at least 0, was -1",
                        "FRACTION must be between 0 and 1, was 2",
                        "SECONDS must be a number, was 'a minute'",
                        "FLAG must be true or false, was 'yes'",
                        "PAIRS must be key=value pairs separated by commas, was 'b'",
                        "URL must be an http(s) URL with a host, was 'ftp://x'",
                        "CHOICE must be one of text, was 'xml'",
                        "DOC: is not JSON",
                        "A and B must differ"))
        .hasMessageStartingWith(
            "invalid configuration:\n  - MISSING is required\n  - ALSO_MISSING");
  }
}
