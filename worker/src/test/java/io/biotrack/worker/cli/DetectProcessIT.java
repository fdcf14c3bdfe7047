package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.worker.MdFormat;
import io.biotrack.worker.TestData;
import io.biotrack.worker.batch.Checkpoint;
import io.biotrack.worker.batch.FileCheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar biotrack-worker.jar detect} as a real process, stopped mid-run by a SIGTERM
 * (what Ctrl-C does: the checkpoint is saved on the way out) and by a SIGKILL (a crash: what was
 * checkpointed survives), then resumed to the end.
 */
class DetectProcessIT {
  @TempDir Path tmp;

  @Test
  void interruptedAndKilledRunsResumeFromTheirCheckpoints() throws Exception {
    Path images = Files.createDirectories(tmp.resolve("images"));
    // The five smallest samples (800 pixels wide), four times over: quick to decode.
    List<String> samples =
        List.of(
            "sample-cfz-01.jpg",
            "sample-crocdocs-01.jpg",
            "sample-crocdocs-05.jpg",
            "sample-dzf-01.jpg",
            "sample-dzf-101.jpg");
    for (int copy = 0; copy < 4; copy++) {
      for (String sample : samples) {
        Files.copy(TestData.samples().resolve(sample), images.resolve(copy + "-" + sample));
      }
    }
    int total = 4 * samples.size();
    Path output = tmp.resolve("results.json");
    Path checkpoint = tmp.resolve("results.json.checkpoint.json");

    // 1. Ctrl-C (SIGTERM): the shutdown hook saves every image done so far.
    Process first = start(images, output, tmp.resolve("first.log"), false);
    int seen = awaitCheckpoint(checkpoint, 2);
    first.destroy();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    int afterInterrupt = entries(checkpoint);
    assertThat(afterInterrupt).isGreaterThanOrEqualTo(seen).isLessThan(total);
    assertThat(Files.exists(output)).isFalse();
    assertThat(Files.readString(tmp.resolve("first.log")))
        .contains(
            "stopped: what is done is saved in "
                + checkpoint
                + "; run the same command with --resume to carry on")
        .doesNotContain("WARN")
        .doesNotContain("ERROR")
        .doesNotContain("failed");

    // 2. A crash (SIGKILL) after resuming: the last periodic checkpoint survives.
    Process second = start(images, output, tmp.resolve("second.log"), true);
    int beforeKill = awaitCheckpoint(checkpoint, afterInterrupt + 2);
    second.destroyForcibly();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    int afterKill = entries(checkpoint);
    assertThat(afterKill).isGreaterThanOrEqualTo(beforeKill).isLessThan(total);
    assertThat(Files.readString(tmp.resolve("second.log")))
        .contains("resuming: " + afterInterrupt + " of " + total + " images already done");

    // 3. Resume to the end.
    Process third = start(images, output, tmp.resolve("third.log"), true);
    assertThat(third.waitFor(240, TimeUnit.SECONDS)).isTrue();
    assertThat(third.exitValue()).as(Files.readString(tmp.resolve("third.log"))).isZero();
    assertThat(Files.readString(tmp.resolve("third.log")))
        .contains("resuming: " + afterKill + " of " + total + " images already done");
    JsonNode root = MdFormat.assertValid(output);
    assertThat(root.get("images")).hasSize(total);
    assertThat(Files.exists(checkpoint)).isFalse();
  }

  private static Process start(Path images, Path output, Path log, boolean resume)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("biotrack.workerJar", "target/biotrack-worker.jar"),
                "detect",
                images.toString(),
                "-o",
                output.toString(),
                "--model",
                TestData.model().toString(),
                "--threads",
                "2",
                "--checkpoint-every",
                "2"));
    if (resume) {
      command.add("--resume");
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Waits for a checkpoint holding at least {@code atLeast} images; returns how many it held. */
  private static int awaitCheckpoint(Path checkpoint, int atLeast) {
    int[] seen = new int[1];
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              seen[0] = Files.exists(checkpoint) ? entries(checkpoint) : 0;
              return seen[0] >= atLeast;
            });
    return seen[0];
  }

  private static int entries(Path checkpoint) {
    try {
      return new FileCheckpointStore(checkpoint)
          .load()
          .map(Checkpoint::checkpoint)
          .map(List::size)
          .orElse(0);
    } catch (UncheckedIOException e) {
      return 0; // caught between write and rename on a file system without atomic moves
    }
  }
}
