package io.biotrack.testing;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the worker's job mode ({@code run-job}: one shard) in dispatcher tests, run as a
 * child JVM. It keeps the contract without a model: progress reports as it goes, then the shard's
 * results and a complete report, exit 0.
 *
 * <p>{@code FAKE_WORK_STEPS} (default 3) steps of {@code FAKE_STEP_MILLIS} (default 200) each;
 * {@code FAKE_WORKER_EXITS} ("1,0": attempt 1 exits 1 halfway, attempt 2 completes), applied to
 * every shard or, with {@code FAKE_FAILING_SHARD}, to that shard only; each start appends
 * "{shard}:{attempt}" as a line to {@code FAKE_RUNS_DIR/{jobId}} when set, so a test counts runs,
 * and writes its {@code BIOTRACK_MODEL} to {@code FAKE_RUNS_DIR/{jobId}.model}.
 */
public final class FakeJobWorker {
  private FakeJobWorker() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    ShardTask task = FakeShardOutput.task(env);
    int steps = intEnv("FAKE_WORK_STEPS", 3);
    long stepMillis = intEnv("FAKE_STEP_MILLIS", 200);
    String failing = env.get("FAKE_FAILING_SHARD");
    int exit =
        failing == null || Integer.parseInt(failing) == task.shard()
            ? FakeWorker.exitCode(env.get("FAKE_WORKER_EXITS"), Integer.toString(task.attempt()))
            : 0;
    BlobStore blobs = StorageAdapters.openBlobs(StorageSettings.fromEnvironment(env::get));
    recordRun(task);
    for (int step = 1; step <= steps; step++) {
      Thread.sleep(stepMillis);
      if (exit != 0 && step > steps / 2) {
        System.out.println(
            "failing shard " + task.shard() + " attempt " + task.attempt() + " on purpose");
        System.exit(exit);
      }
      FakeShardOutput.progress(blobs, task, task.count() * step / steps);
    }
    FakeShardOutput.complete(blobs, task);
    System.out.println("completed shard " + task.shard() + " attempt " + task.attempt());
  }

  /** The command that runs this class with the current class path. */
  public static List<String> command() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        FakeJobWorker.class.getName());
  }

  private static void recordRun(ShardTask task) throws Exception {
    String dir = System.getenv("FAKE_RUNS_DIR");
    if (dir != null) {
      Files.writeString(
          Path.of(dir).resolve(task.jobId()),
          task.shard() + ":" + task.attempt() + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      // The model the launcher gave it, so a test sees a job's choice arrive.
      Files.writeString(
          Path.of(dir).resolve(task.jobId() + ".model"),
          System.getenv().getOrDefault("BIOTRACK_MODEL", ""));
    }
  }

  private static int intEnv(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
