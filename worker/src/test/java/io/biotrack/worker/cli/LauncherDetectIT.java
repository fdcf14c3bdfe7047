package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./biotrack detect} as users run it (the launcher, then this jar): its help is titled
 * {@code biotrack detect} and names the model it falls back to (before: titled {@code
 * biotrack-worker} and "default: $BIOTRACK_MODEL", which the launcher did not follow).
 */
class LauncherDetectIT {
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
}
