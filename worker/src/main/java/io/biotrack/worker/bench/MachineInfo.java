package io.biotrack.worker.bench;

import io.biotrack.launch.WorkerAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine a benchmark ran on, as its report names it: the CPU model ({@code lscpu}'s "Model
 * name"), the cores this JVM may use, and the native allocator this process runs with.
 */
record MachineInfo(String cpuModel, int cores, String allocator, String java) {

  static MachineInfo ofThisProcess() {
    return new MachineInfo(
        readCpuModel(),
        Runtime.getRuntime().availableProcessors(),
        allocator(System.getenv(), mapped()),
        System.getProperty("java.version"));
  }

  /** {@code lscpu}'s model name, else {@code /proc/cpuinfo}'s, else "unknown CPU". */
  static String readCpuModel() {
    String lscpu = modelName(run("lscpu"), "Model name:");
    if (lscpu != null) {
      return lscpu;
    }
    try {
      String cpuinfo = modelName(Files.readString(Path.of("/proc/cpuinfo")), "model name");
      return cpuinfo != null ? cpuinfo : "unknown CPU";
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  /** The value after {@code key} on the first line that starts with it. */
  static String modelName(String text, String key) {
    if (text == null) {
      return null;
    }
    for (String line : text.split("\n")) {
      if (line.startsWith(key)) {
        String value = line.substring(key.length()).replaceFirst("^\\s*:?\\s*", "").strip();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /**
   * What this process allocates native memory with: the worker's choice ({@link WorkerAllocator})
   * is in effect only when the JVM was started with it.
   *
   * @param mappedLibraries this process's memory map ({@code /proc/self/maps}), or "" if unknown
   */
  static String allocator(Map<String, String> env, String mappedLibraries) {
    String preload = env.get(WorkerAllocator.LD_PRELOAD);
    if (mappedLibraries.contains("libtcmalloc")) {
      return "tcmalloc (LD_PRELOAD=" + preload + ")";
    }
    String tunables = env.get(WorkerAllocator.GLIBC_TUNABLES);
    if (tunables != null && !tunables.isBlank()) {
      return "glibc malloc, GLIBC_TUNABLES=" + tunables;
    }
    return "glibc malloc, untuned (not the worker's default: run ./biotrack bench-worker)";
  }

  private static String mapped() {
    try {
      return Files.readString(Path.of("/proc/self/maps"));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String run(String command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
