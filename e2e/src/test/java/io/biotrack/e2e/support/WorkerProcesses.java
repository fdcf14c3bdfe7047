package io.biotrack.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The worker processes of one job, found from outside like an operator of the machine would: any
 * live process whose environment says {@code BIOTRACK_JOB_ID={job}} (Linux {@code /proc}). Works
 * for workers whose parent died too.
 */
public final class WorkerProcesses {
  private WorkerProcesses() {}

  public static List<ProcessHandle> of(String jobId) {
    List<ProcessHandle> all =
        ProcessHandle.allProcesses()
            .filter(ProcessHandle::isAlive)
            .filter(p -> environment(p).contains("BIOTRACK_JOB_ID=" + jobId))
            .toList();
    // A worker's own short-lived helpers (the native libraries probe the machine) inherit its
    // environment: count workers, not their children.
    Set<Long> pids =
        all.stream().map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet());
    return all.stream()
        .filter(p -> p.parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
        .toList();
  }

  /** The live workers of attempt {@code attempt}. */
  public static List<ProcessHandle> of(String jobId, int attempt) {
    return of(jobId).stream()
        .filter(p -> environment(p).contains("BIOTRACK_ATTEMPT=" + attempt))
        .toList();
  }

  /** The shard a worker process runs ({@code BIOTRACK_SHARD}), "?" if unreadable. */
  public static String shardOf(ProcessHandle process) {
    return environment(process).stream()
        .filter(v -> v.startsWith("BIOTRACK_SHARD="))
        .map(v -> v.substring("BIOTRACK_SHARD=".length()))
        .findFirst()
        .orElse("?");
  }

  /** A worker's environment as {@code NAME=value} strings; empty once it ended. */
  public static Set<String> environment(ProcessHandle process) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
      return Set.copyOf(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
    } catch (IOException | SecurityException gone) {
      return Set.of(); // ended meanwhile, or not ours to read
    }
  }
}
