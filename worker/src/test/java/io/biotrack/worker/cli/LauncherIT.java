package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./biotrack} launcher as users run it. {@code detect} (the launcher, then this jar):
 * its help is titled {@code biotrack detect} and names the model it falls back to (before: titled
 * {@code biotrack-worker} and "default: $BIOTRACK_MODEL", which the launcher did not follow). The
 * launcher's own messages are JSON lines under {@code BIOTRACK_LOG_FORMAT=json}.
 */
class LauncherIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void helpIsTitledBiotrackDetectAndTellsWhichModelItRuns() throws Exception {
    Path out = tmp.resolve("help.txt");
    Process process =
        new ProcessBuilder(ROOT.resolve("biotrack").toString(), "detect", "--help")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();

    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).startsWith("Usage: biotrack detect ");
    String help = String.join(" ", lines).replaceAll("\\s+", " ");
    assertThat(help)
        .contains("(default: $BIOTRACK_MODEL, else the model in " + ROOT.resolve("data/models"))
        .contains("else the small TEST model")
        .contains("no images found in DIR")
        .doesNotContain("biotrack-worker");
  }

  @Test
  void theReadmesDetectExampleRunsOnTheShippedSamples() throws Exception {
    // The README's line, with the results in this test's folder instead of out/.
    String example = "./biotrack detect samples/camera-traps -o out/samples.json";
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains(example);
    Path results = tmp.resolve("samples.json");
    Path log = tmp.resolve("detect.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                ROOT.resolve("biotrack").toString(),
                "detect",
                "samples/camera-traps",
                "-o",
                results.toString(),
                "--quiet")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("BIOTRACK_MODEL");
    Process process = builder.start();

    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    JsonNode images = new ObjectMapper().readTree(results.toFile()).path("images");
    assertThat(images).hasSize(12);
  }

  @Test
  void withJsonLogsTheLaunchersOwnMessagesAreJsonLines() throws Exception {
    Path err = tmp.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(ROOT.resolve("biotrack").toString(), "up", "--port", "not-a-number")
            .directory(ROOT.toFile())
            .redirectError(err.toFile())
            .redirectOutput(tmp.resolve("out.txt").toFile());
    builder.environment().put("BIOTRACK_LOG_FORMAT", "json");
    Process process = builder.start();

    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    List<String> lines = Files.readAllLines(err);
    assertThat(lines).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(lines.get(0));
    assertThat(event.path("message").asText()).isEqualTo("--port must be a number");
    assertThat(event.path("level").asText()).isEqualTo("ERROR");
    assertThat(event.path("logger_name").asText()).isEqualTo("biotrack");
    assertThat(event.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }
}
