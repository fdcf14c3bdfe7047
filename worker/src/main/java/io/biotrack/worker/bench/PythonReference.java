package io.biotrack.worker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times {@code worker/scripts/md_reference.py bench} (PIL, OpenCV, torch: MegaDetector's own
 * libraries) on the same model, images and thread count, in a child process.
 */
final class PythonReference {
  /** What the script printed. */
  record Result(double imagesPerSecond, double decodeLetterboxMillis, String version) {}

  private final Path python;
  private final Path script;

  PythonReference(Path python, Path script) {
    this.python = python;
    this.script = script;
  }

  Result run(Path model, Path images, int threads, int rounds, Path photo)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        python.toString(), script.toString(), "bench", model.toString(), images.toString(),
        "--threads", Integer.toString(threads), "--rounds", Integer.toString(rounds)));
    if (photo != null) {
      command.addAll(List.of("--photo", photo.toString()));
    }
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IOException("the Python reference exited with " + exit);
    }
    String last = output.strip().lines().reduce((a, b) -> b).orElse("{}");
    JsonNode json = new ObjectMapper().readTree(last);
    return new Result(
        json.path("images_per_second").asDouble(Double.NaN),
        json.path("decode_letterbox_ms").asDouble(Double.NaN),
        "torch " + json.path("torch").asText("?"));
  }
}
