package io.biotrack.embedded.launch;

import io.biotrack.files.OwnerOnlyFiles;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerAllocator;
import io.biotrack.launch.WorkerEnvironment;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkerWaitPolicy;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.species.SpeciesNetFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each attempt as a child process (embedded mode and end-to-end tests).
 *
 * <p>A workload is the folder {@code stateDir/{name}}: {@code pid} holds the process id and its
 * start time (so a reused pid is not mistaken for the worker), {@code exit} its exit code once it
 * ended. A restarted launcher finds a running worker by that folder instead of starting a second
 * one; a worker that ended while no launcher watched it has no exit code and counts as failed (the
 * job record, written by the worker, still says whether it completed).
 *
 * <p>A launcher can die between starting a process and writing its {@code pid}. So a launch first
 * writes {@code launching}, and the child writes its own id to {@code child.pid} before it becomes
 * the worker (through {@code /bin/sh}, which then execs the worker in the same process): a
 * restarted launcher that finds {@code launching} waits briefly for {@code child.pid} and adopts
 * that process instead of starting a second worker.
 *
 * <p>The folders, pid files and logs are open to their owner only ({@link OwnerOnlyFiles}).
 */
public final class LocalProcessLauncher implements WorkerLauncher {
  public static final String KIND = "local";
  private static final Logger log = LoggerFactory.getLogger(LocalProcessLauncher.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /** How long a child may take to write {@code child.pid} after it was started. */
  private static final Duration CHILD_PID_GRACE = Duration.ofSeconds(5);

  private static final String LAUNCHING = "launching";
  private static final String CHILD_PID = "child.pid";
  private static final Path SHELL = Path.of("/bin/sh");

  private final LocalLauncherSettings settings;
  private final Function<LaunchRequest, Map<String, String>> credentials;
  private final Map<String, Process> children = new ConcurrentHashMap<>();

  public LocalProcessLauncher(LocalLauncherSettings settings) {
    this(settings, request -> Map.of());
  }

  /**
   * @param credentials variables for one attempt besides {@link
   *     LocalLauncherSettings#environment()} (the operator's {@code local} launcher on Azure
   *     storage gives each worker credentials for its own shard instead of the operator's
   *     connection string)
   */
  public LocalProcessLauncher(
      LocalLauncherSettings settings, Function<LaunchRequest, Map<String, String>> credentials) {
    this.settings = settings;
    this.credentials = credentials;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public synchronized WorkloadHandle launch(LaunchRequest request) {
    String name = request.workloadName();
    Path dir = settings.stateDir().resolve(name);
    Optional<PidFile> existing = PidFile.read(dir).or(() -> awaitCutShortLaunch(dir));
    if (existing.isPresent()) {
      return new WorkloadHandle(KIND, name, Long.toString(existing.get().pid()));
    }
    try {
      OwnerOnlyFiles.createDirectories(dir);
      Path logs = OwnerOnlyFiles.createDirectories(settings.stateDir().resolve("logs"));
      OwnerOnlyFiles.writeString(dir.resolve(LAUNCHING), Instant.now().toString());
      // Created here: appendTo would create it with the gateway's umask.
      Path logFile = OwnerOnlyFiles.createFileIfMissing(logs.resolve(name + ".log"));
      ProcessBuilder builder =
          new ProcessBuilder(selfReporting(settings.command(), dir))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      // The launcher's own Azure credentials never reach a worker: its storage settings are
      // settings.environment() and, where given, its own credentials.
      builder.environment().keySet().removeIf(variable -> variable.startsWith("BIOTRACK_AZURE_"));
      builder.environment().putAll(settings.environment());
      builder.environment().putAll(credentials.apply(request));
      String model =
          settings.modelDir().resolve(request.modelOr(settings.defaultModel())).toString();
      builder.environment().putAll(WorkerEnvironment.forAttempt(request, model, classifier()));
      builder.environment().putAll(WorkerAllocator.environment(builder.environment()));
      // Workers here share the machine's cores with each other (and the gateway): spinning
      // OpenMP threads would burn the time their siblings need (WorkerWaitPolicy).
      builder.environment().putAll(WorkerWaitPolicy.environment(builder.environment()));
      Process process = builder.start();
      children.put(name, process);
      PidFile.of(process.toHandle()).write(dir);
      process.onExit().thenAccept(ended -> recordExit(dir, ended.exitValue()));
      log.info("started worker {} as process {}", name, process.pid());
      return new WorkloadHandle(KIND, name, Long.toString(process.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start worker " + name, e);
    }
  }

  @Override
  public WorkloadStatus status(WorkloadHandle handle) {
    Process child = children.get(handle.name());
    Path dir = settings.stateDir().resolve(handle.name());
    if (child != null) {
      if (child.isAlive()) {
        return WorkloadStatus.RUNNING;
      }
      // The exit callback may not have run yet: record the code now, so whoever looks next
      // (a restarted launcher) reads the same answer.
      if (readExit(dir).isEmpty()) {
        recordExit(dir, child.exitValue());
      }
      return exited(child.exitValue());
    }
    Optional<Integer> exit = readExit(dir);
    if (exit.isPresent()) {
      return exited(exit.get());
    }
    Optional<PidFile> pid = PidFile.read(dir);
    if (pid.isEmpty()) {
      return WorkloadStatus.NOT_FOUND;
    }
    if (pid.get().process().isPresent()) {
      return WorkloadStatus.RUNNING;
    }
    return new WorkloadStatus(
        WorkloadPhase.FAILED, null, "the worker ended while no launcher watched it");
  }

  @Override
  public void delete(WorkloadHandle handle) {
    Path dir = settings.stateDir().resolve(handle.name());
    Process child = children.remove(handle.name());
    Optional<ProcessHandle> process =
        child != null ? Optional.of(child.toHandle()) : PidFile.read(dir).flatMap(PidFile::process);
    process.ifPresent(LocalProcessLauncher::stop);
    deleteTree(dir);
  }

  /**
   * Stops every worker this launcher started that still runs (shutdown of the embedded platform).
   * Their folders stay: a restarted launcher reports them as failed, so their jobs are retried from
   * their checkpoints.
   *
   * @return how many were running
   */
  public int stopAll() {
    List<Process> running = children.values().stream().filter(Process::isAlive).toList();
    running.parallelStream().forEach(process -> stop(process.toHandle()));
    return running.size();
  }

  /**
   * The process of a launch that a crash cut short before its {@code pid} was written: waits a
   * moment for the child's own {@code child.pid}; empty when no process started.
   */
  private static Optional<PidFile> awaitCutShortLaunch(Path dir) {
    if (!Files.exists(dir.resolve(LAUNCHING))) {
      return Optional.empty();
    }
    Instant giveUp = Instant.now().plus(CHILD_PID_GRACE);
    while (Instant.now().isBefore(giveUp)) {
      Optional<PidFile> child = PidFile.read(dir);
      if (child.isPresent()) {
        return child;
      }
      try {
        Thread.sleep(50); // the child writes its pid within milliseconds of starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.empty();
  }

  /**
   * {@code command}, run so that the process first writes its own id into {@code dir}, with umask
   * 077: what the worker creates in the data directory (blobs, and H2's files if it takes the
   * database over) is its owner's only, however the gateway was started.
   */
  private static List<String> selfReporting(List<String> command, Path dir) {
    if (!Files.isExecutable(SHELL)) {
      return command; // no POSIX shell (Windows): only the launcher writes the pid
    }
    List<String> wrapped = new java.util.ArrayList<>();
    wrapped.addAll(
        List.of(
            SHELL.toString(),
            "-c",
            "umask 077 && echo $$ > \"$0/" + CHILD_PID + "\" && exec \"$@\"",
            dir.toString()));
    wrapped.addAll(command);
    return wrapped;
  }

  private static WorkloadStatus exited(int code) {
    return code == 0 ? WorkloadStatus.succeeded() : WorkloadStatus.failed(code, null);
  }

  private static void stop(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception stillRunning) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static void recordExit(Path dir, int code) {
    try {
      Path tmp = Files.createTempFile(dir, "exit", ".tmp"); // the callback may write at once
      Files.writeString(tmp, Integer.toString(code));
      Files.move(tmp, dir.resolve("exit"), StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException deleted) {
      // The workload was deleted while it stopped: nobody needs its exit code.
    } catch (IOException e) {
      log.warn("could not record the exit code of {}: {}", dir.getFileName(), e.toString());
    }
  }

  private static Optional<Integer> readExit(Path dir) {
    try {
      return Optional.of(Integer.parseInt(Files.readString(dir.resolve("exit")).trim()));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("unreadable exit file in " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    // The exit-code callback of a worker that just stopped may still write into the folder:
    // walk again when it did.
    for (int pass = 1; Files.exists(dir); pass++) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        if (pass == 3) {
          throw new UncheckedIOException("could not delete " + dir, e);
        }
      } catch (UncheckedIOException e) {
        if (pass == 3) {
          throw new UncheckedIOException("could not delete " + dir, e.getCause());
        }
      }
    }
  }

  /**
   * The {@code pid} file: process id and start time, which together identify one process; or, when
   * only the child reported itself ({@code child.pid}), the id alone ({@code started} null).
   */
  record PidFile(long pid, Instant started) {
    static PidFile of(ProcessHandle process) {
      return new PidFile(process.pid(), process.info().startInstant().orElse(Instant.EPOCH));
    }

    static Optional<PidFile> read(Path dir) {
      try {
        String[] parts = Files.readString(dir.resolve("pid")).trim().split(" ");
        return Optional.of(new PidFile(Long.parseLong(parts[0]), Instant.parse(parts[1])));
      } catch (NoSuchFileException none) {
        return readChildPid(dir);
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("unreadable pid file in " + dir, e);
      }
    }

    private static Optional<PidFile> readChildPid(Path dir) {
      try {
        String text = Files.readString(dir.resolve(CHILD_PID)).trim();
        // Empty while the child's shell is still writing it.
        return text.isEmpty()
            ? Optional.empty()
            : Optional.of(new PidFile(Long.parseLong(text), null));
      } catch (NoSuchFileException none) {
        return Optional.empty();
      } catch (IOException | NumberFormatException e) {
        throw new IllegalStateException("unreadable " + CHILD_PID + " in " + dir, e);
      }
    }

    void write(Path dir) throws IOException {
      Path tmp = dir.resolve("pid.tmp");
      OwnerOnlyFiles.writeString(tmp, pid + " " + started);
      Files.move(tmp, dir.resolve("pid"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The live process this file names; empty once it ended (or the pid was reused). */
    Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p -> started == null || p.info().startInstant().map(started::equals).orElse(true));
    }
  }

  /**
   * The SpeciesNet folder for jobs that classify: {@code speciesnet/} in the model cache, else the
   * committed test classifier ({@code BIOTRACK_TEST_CLASSIFIER}, set by {@code ./biotrack up}; the
   * worker warns that its species are not real); null when there is neither.
   */
  private String classifier() {
    Path installed = settings.modelDir().resolve(SpeciesNetFolder.CACHE_NAME);
    if (java.nio.file.Files.isDirectory(installed)) {
      return installed.toString();
    }
    String test = System.getenv("BIOTRACK_TEST_CLASSIFIER");
    return test != null && java.nio.file.Files.isDirectory(Path.of(test)) ? test : null;
  }
}
