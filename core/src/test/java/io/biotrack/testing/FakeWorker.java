package io.biotrack.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in worker for launcher tests, run as a child JVM: prints its {@code BIOTRACK_*} variables
 * and the allocator's ({@code LD_PRELOAD}, {@code GLIBC_TUNABLES}), waits until the file {@code
 * FAKE_WORKER_RELEASE} exists (if set), then exits with the code that {@code FAKE_WORKER_EXITS}
 * ("1,0": attempt 1 exits 1, attempt 2 exits 0) gives its {@code BIOTRACK_ATTEMPT}; 0 by default.
 * With {@code FAKE_WORKER_COMPLETES=true} an attempt that exits 0 first writes what a shard's
 * worker writes ({@link FakeShardOutput}) through the {@code BIOTRACK_*} storage settings.
 */
public final class FakeWorker {
  /** The exit code of a worker whose test ended without releasing it. */
  static final int WORKER_ABANDONED = 97;

  private static final java.util.Set<String> PRINTED =
      java.util.Set.of("LD_PRELOAD", "GLIBC_TUNABLES", "OMP_WAIT_POLICY");

  private FakeWorker() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = new TreeMap<>(System.getenv());
    env.forEach(
        (key, value) -> {
          if (key.startsWith("BIOTRACK_") || PRINTED.contains(key)) {
            System.out.println(key + "=" + value);
          }
        });
    printPreloadedAllocator();
    System.out.println("fake worker started");
    System.out.flush();
    String release = env.get("FAKE_WORKER_RELEASE");
    if (release != null) {
      // A test that ends without releasing its workers deletes its temporary folder: a worker
      // whose folder is gone (or that waited ten minutes) exits rather than outlive the build.
      Path file = Path.of(release);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
      while (!Files.exists(file)) {
        if (!Files.isDirectory(file.getParent()) || System.nanoTime() > deadline) {
          System.exit(WORKER_ABANDONED);
        }
        Thread.sleep(20);
      }
    }
    int exit = exitCode(env.get("FAKE_WORKER_EXITS"), env.get("BIOTRACK_ATTEMPT"));
    boolean completes =
        "true".equals(env.get("FAKE_WORKER_COMPLETES"))
            || Boolean.getBoolean("fake.worker.completes");
    if (exit == 0 && completes) {
      complete(env);
    }
    System.exit(exit);
  }

  private static void complete(Map<String, String> env) {
    io.biotrack.storage.BlobStore blobs =
        io.biotrack.adapter.StorageAdapters.openBlobs(
            io.biotrack.adapter.StorageSettings.fromEnvironment(env::get));
    FakeShardOutput.complete(blobs, FakeShardOutput.task(env));
  }

  /** Whether the preload took effect: the dynamic linker mapped tcmalloc into this process. */
  private static void printPreloadedAllocator() {
    Path maps = Path.of("/proc/self/maps");
    try {
      if (Files.isReadable(maps) && Files.readString(maps).contains("libtcmalloc")) {
        System.out.println("allocator mapped: tcmalloc");
      }
    } catch (java.io.IOException e) {
      System.out.println("cannot read " + maps + ": " + e);
    }
  }

  static int exitCode(String exits, String attempt) {
    if (exits == null || exits.isBlank()) {
      return 0;
    }
    String[] codes = exits.split(",");
    int index = Math.min(Integer.parseInt(attempt) - 1, codes.length - 1);
    return Integer.parseInt(codes[index].trim());
  }

  /** The command that runs this class with the current class path. */
  public static java.util.List<String> command() {
    return command(false);
  }

  /**
   * @param completes the worker writes the job record as a real worker does (see above)
   */
  public static java.util.List<String> command(boolean completes) {
    return java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfake.worker.completes=" + completes,
        "-Xmx64m",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        FakeWorker.class.getName());
  }
}
