package io.biotrack.worker.cli;

import io.biotrack.launch.WorkerExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar worker/target/biotrack-worker.jar detect | run-job | bench}.
 *
 * <p>Exit codes ({@link WorkerExitCodes}): 0 success; 1 failure (a job set to FAILED, an I/O
 * error); 2 bad usage or configuration; 3 out of memory (the checkpoint is saved where possible;
 * the JVM itself exits with 3 under {@code -XX:+ExitOnOutOfMemoryError}); 4 ({@code run-job}) a
 * stale attempt or a job that is not runnable; 130 ({@code detect}) interrupted.
 */
@Command(
    name = "biotrack-worker",
    mixinStandardHelpOptions = true,
    versionProvider = WorkerMain.Version.class,
    description = "MegaDetector v5 on DJL: folder detection, job mode and benchmark.",
    subcommands = {
      DetectCommand.class,
      RunJobCommand.class,
      BenchCommand.class,
      ModelCommand.class
    })
public final class WorkerMain {
  public static void main(String[] args) {
    System.exit(execute(commandLine(), args));
  }

  /**
   * Runs a command; an OutOfMemoryError, which picocli lets through, becomes {@link
   * WorkerExitCodes#OUT_OF_MEMORY}: the batch saved its checkpoint on the way up (naming a large
   * decode in flight), and the process exits as {@code -XX:+ExitOnOutOfMemoryError} would, so
   * launchers and the dispatcher see one code for "ran out of memory", not a stale attempt's.
   */
  static int execute(CommandLine commandLine, String... args) {
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      System.err.println("biotrack-worker: out of memory: " + e.getMessage());
      return WorkerExitCodes.OUT_OF_MEMORY;
    }
  }

  /**
   * The command line, named as it was started: {@code ./biotrack detect} passes {@code
   * -Dbiotrack.command=biotrack}, so its help and messages say {@code biotrack detect}; its {@code
   * --model} help shows the fallbacks the launcher passes ({@link ModelChoice}).
   */
  public static CommandLine commandLine() {
    System.setProperty("biotrack.modelDefault", ModelChoice.describeDefault());
    return new CommandLine(new WorkerMain())
        .setCommandName(System.getProperty("biotrack.command", "biotrack-worker"));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = WorkerMain.class.getPackage().getImplementationVersion();
      return new String[] {"biotrack-worker " + (version == null ? "(development)" : version)};
    }
  }
}
