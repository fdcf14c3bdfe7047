package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.results.ImageResult;
import io.biotrack.worker.MdFormat;
import io.biotrack.worker.PatchedJpeg;
import io.biotrack.worker.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability review's case as real {@code detect} processes with the worker image's JVM flags:
 * a 4 KB JPEG whose header claims 14000×12000 pixels, between two good photos, under a 300 MB heap
 * with {@code -XX:+ExitOnOutOfMemoryError} (the JVM then exits with 3 on the first
 * OutOfMemoryError, without running any shutdown hook).
 */
class DetectMemoryIT {
  private static final List<String> WORKER_IMAGE_JVM =
      List.of("-Xmx300m", "-XX:+ExitOnOutOfMemoryError");

  @TempDir Path tmp;
  Path good;
  Path mixed;

  @BeforeEach
  void folders() throws IOException {
    good = Files.createDirectories(tmp.resolve("good"));
    mixed = Files.createDirectories(tmp.resolve("mixed"));
    for (Path dir : List.of(good, mixed)) {
      Files.copy(TestData.samples().resolve("sample-cfz-01.jpg"), dir.resolve("a.jpg"));
      Files.copy(TestData.samples().resolve("sample-dzf-01.jpg"), dir.resolve("c.jpg"));
    }
    Files.write(mixed.resolve("b.jpg"), PatchedJpeg.review());
  }

  @Test
  void anImageTooLargeForTheHeapIsAFailureEntryAndTheRunCompletes() throws Exception {
    Map<String, JsonNode> expected = images(detect(good, "good", List.of()));

    Path output = tmp.resolve("mixed.json");
    Run run = run(WORKER_IMAGE_JVM, mixed, output, List.of());

    assertThat(run.exit()).as(run.log()).isZero();
    Map<String, JsonNode> images = images(output);
    assertThat(images.get("b.jpg").get("failure").asText())
        .isEqualTo(ImageResult.FAILURE_IMAGE_ACCESS);
    assertThat(images.get("a.jpg")).isEqualTo(expected.get("a.jpg"));
    assertThat(images.get("c.jpg")).isEqualTo(expected.get("c.jpg"));
    // 188 MB with G1 (60% of 300 MiB); less with the Serial collector (of the old generation).
    assertThat(run.log())
        .containsPattern(
            "b.jpg: image access failure \\(needs 514 MB to decode,"
                + " the worker's budget is 1\\d\\d MB; give the worker more memory\\)");
  }

  /**
   * The culprit sorts first so that no forward pass runs when the JVM exits: under
   * ExitOnOutOfMemoryError the JVM exits through C's {@code exit()}, whose run of libtorch's static
   * destructors can crash a forward pass in flight (SIGSEGV, exit 134 instead of 3). The dispatcher
   * retries both the same way; the checkpoint names the image in either case.
   */
  @Test
  void aDecodeThatRunsOutOfMemoryExits3AndTheResumedRunRecordsItAsAFailure() throws Exception {
    Map<String, JsonNode> expected = images(detect(good, "good", List.of()));
    // Progressive: decoded whole (a baseline JPEG is letterboxed line by line and would not die).
    Files.write(mixed.resolve("0-huge.jpg"), PatchedJpeg.progressive());
    Files.delete(mixed.resolve("b.jpg"));
    // A budget far beyond the 300 MB heap admits the 504 MB decode, which then dies for real.
    List<String> jvm = new ArrayList<>(WORKER_IMAGE_JVM);
    jvm.add("-Dbiotrack.decodeBudgetMb=2000");
    Path output = tmp.resolve("mixed.json");
    Path checkpoint = tmp.resolve("mixed.json.checkpoint.json");

    Run first = run(jvm, mixed, output, List.of("--checkpoint-every", "1"));

    assertThat(first.exit()).as(first.log()).isEqualTo(WorkerExitCodes.OUT_OF_MEMORY);
    assertThat(first.log()).contains("Terminating due to java.lang.OutOfMemoryError");
    assertThat(Files.readString(checkpoint)).contains("\"decoding\": \"0-huge.jpg\"");
    assertThat(output).doesNotExist();

    Run second = run(jvm, mixed, output, List.of("--checkpoint-every", "1", "--resume"));

    assertThat(second.exit()).as(second.log()).isZero();
    assertThat(second.log())
        .contains(
            "0-huge.jpg: image access failure (the worker died while"
                + " decoding this image in an earlier attempt)");
    Map<String, JsonNode> images = images(output);
    assertThat(images.get("0-huge.jpg").get("failure").asText())
        .isEqualTo(ImageResult.FAILURE_IMAGE_ACCESS);
    assertThat(images.get("a.jpg")).isEqualTo(expected.get("a.jpg"));
    assertThat(images.get("c.jpg")).isEqualTo(expected.get("c.jpg"));
    assertThat(checkpoint).doesNotExist();
  }

  /** A plain run (no memory flags) over {@code dir}: the results as they were before the fix. */
  private Path detect(Path dir, String name, List<String> extra) throws Exception {
    Path output = tmp.resolve(name + ".json");
    Run run = run(List.of(), dir, output, extra);
    assertThat(run.exit()).as(run.log()).isZero();
    return output;
  }

  private static Map<String, JsonNode> images(Path output) throws IOException {
    Map<String, JsonNode> byFile = new LinkedHashMap<>();
    MdFormat.assertValid(output).get("images").forEach(i -> byFile.put(i.get("file").asText(), i));
    return byFile;
  }

  private record Run(int exit, String log) {}

  private Run run(List<String> jvm, Path dir, Path output, List<String> extra) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("biotrack.workerJar", "target/biotrack-worker.jar"),
            "detect",
            dir.toString(),
            "-o",
            output.toString(),
            "--model",
            TestData.model().toString(),
            "--threads",
            "2",
            "--quiet"));
    command.addAll(extra);
    Path log = Files.createTempFile(tmp, "detect", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the worker ends").isTrue();
    return new Run(process.exitValue(), Files.readString(log));
  }
}
