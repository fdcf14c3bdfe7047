package io.biotrack.worker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.launch.WorkerAllocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Python reference pipeline ({@code md_reference.py serve}: Pillow, OpenCV, torch, as
 * MegaDetector) as a timing service in a child process, on the same model, photos and thread count,
 * so its passes can alternate with the Java ones under the same machine load. It waits on its
 * standard input between commands (idle, no CPU) while Java measures. It runs on glibc's malloc, as
 * MegaDetector does, whatever allocator the worker was given.
 */
final class PythonReference implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final String version;

  /** Starts the service and waits until it has loaded and warmed up the model. */
  PythonReference(Path python, Path script, Path model, Path images, int threads)
      throws IOException {
    process =
        asMegaDetectorRuns(
                new ProcessBuilder(
                    python.toString(),
                    script.toString(),
                    "serve",
                    model.toString(),
                    images.toString(),
                    "--threads",
                    Integer.toString(threads)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    JsonNode ready = read();
    version =
        "torch "
            + ready.path("torch").asText("?")
            + ", "
            + ready.path("threads").asInt()
            + " threads";
  }

  /**
   * Without the worker's allocator settings ({@link WorkerAllocator}), which this JVM's children
   * inherit: the reference runs as MegaDetector's users run it, on glibc's malloc.
   */
  private static ProcessBuilder asMegaDetectorRuns(ProcessBuilder builder) {
    builder.environment().remove(WorkerAllocator.LD_PRELOAD);
    builder.environment().remove(WorkerAllocator.GLIBC_TUNABLES);
    return builder;
  }

  String version() {
    return version;
  }

  /** One pass of the whole reference pipeline over all photos, one image at a time. */
  Pass pipeline() throws IOException {
    return pass("pass");
  }

  /** One pass of the model alone over the photos' letterboxed tensors (made once, in Python). */
  Pass forward() throws IOException {
    return pass("forward");
  }

  /** Median decode, letterbox and tensor times of one file, decoded from memory. */
  PhotoTimes photoTimes(Path photo) throws IOException {
    in.println("photo " + photo);
    return photoTimes(read());
  }

  /**
   * The same without a model or a running service ({@code md_reference.py photo}), for {@code bench
   * --preprocess-only}.
   *
   * @throws IOException when the reference cannot run (no Python, OpenCV, Pillow or torch)
   */
  static PhotoTimes photoTimesAlone(Path python, Path script, Path photo) throws IOException {
    Process process =
        asMegaDetectorRuns(
                new ProcessBuilder(python.toString(), script.toString(), "photo", photo.toString()))
            .redirectErrorStream(true)
            .start();
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (process.waitFor() != 0) {
        String[] lines = output.split("\n");
        throw new IOException(lines[lines.length - 1]);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String[] lines = output.split("\n");
    return photoTimes(JSON.readTree(lines[lines.length - 1]));
  }

  private static PhotoTimes photoTimes(JsonNode r) {
    return new PhotoTimes(
        r.get("decode_ms").asDouble(),
        r.get("letterbox_ms").asDouble(),
        r.get("tensor_ms").asDouble(),
        r.get("decode_cpu_ms").asDouble(),
        r.get("letterbox_cpu_ms").asDouble(),
        r.get("tensor_cpu_ms").asDouble());
  }

  private Pass pass(String command) throws IOException {
    in.println(command);
    JsonNode r = read();
    return new Pass(
        r.get("images").asInt(), r.get("seconds").asDouble(), r.get("cpu_seconds").asDouble());
  }

  private JsonNode read() throws IOException {
    String line = out.readLine();
    if (line == null) {
      throw new IOException("the Python reference stopped (exit " + exitCode() + ")");
    }
    JsonNode node = JSON.readTree(line);
    if (node.has("error")) {
      throw new IOException("the Python reference: " + node.get("error").asText());
    }
    return node;
  }

  private String exitCode() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  @Override
  public void close() {
    in.close();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
