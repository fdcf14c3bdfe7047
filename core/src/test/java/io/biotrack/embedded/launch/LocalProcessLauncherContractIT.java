package io.biotrack.embedded.launch;

import io.biotrack.contract.WorkerLauncherContract;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher contract on child processes: each worker is a small shell script that writes its
 * environment to a file and exits with the code the test writes for it ({@link #platformEnds}).
 */
class LocalProcessLauncherContractIT extends WorkerLauncherContract {
  static final String SCRIPT =
      "w=\"$FAKE_DIR/$BIOTRACK_JOB_ID-$BIOTRACK_SHARD-$BIOTRACK_ATTEMPT\"; env > \"$w.tmp\" && mv"
          + " \"$w.tmp\" \"$w.env\"; while [ ! -f \"$w.exit\" ]; do sleep 0.05; done; exit $(cat"
          + " \"$w.exit\")";

  @TempDir Path dir;
  LocalProcessLauncher launcher;

  @BeforeEach
  void start() {
    launcher =
        new LocalProcessLauncher(
            new LocalLauncherSettings(
                List.of("/bin/sh", "-c", SCRIPT),
                Map.of("FAKE_DIR", dir.toString()),
                dir.resolve("state"),
                dir.resolve("models"),
                "md_v5a"));
  }

  /** Through delete, which waits out the exit callbacks that write into the state folder. */
  @AfterEach
  void stop() throws Exception {
    for (String name : workloads()) {
      launcher.delete(new WorkloadHandle(LocalProcessLauncher.KIND, name, null));
    }
  }

  @Override
  protected WorkerLauncher launcher() {
    return launcher;
  }

  @Override
  protected void platformRuns(WorkloadHandle handle) {
    // A child process runs from its start.
  }

  @Override
  protected void platformEnds(WorkloadHandle handle, int exitCode) throws Exception {
    Files.writeString(file(handle, ".exit.tmp"), Integer.toString(exitCode));
    Files.move(file(handle, ".exit.tmp"), file(handle, ".exit"));
  }

  @Override
  protected Set<String> workloads() throws Exception {
    if (!Files.isDirectory(dir.resolve("state"))) {
      return Set.of();
    }
    try (Stream<Path> folders = Files.list(dir.resolve("state"))) {
      return folders
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.equals("logs"))
          .collect(Collectors.toSet());
    }
  }

  @Override
  protected Map<String, String> environmentOf(WorkloadHandle handle) throws Exception {
    Path file = file(handle, ".env");
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.exists(file));
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  private Path file(WorkloadHandle handle, String suffix) {
    String shardAttempt = handle.name().substring(("biotrack-" + jobId + "-").length());
    return dir.resolve(jobId + "-" + shardAttempt + suffix);
  }
}
