package io.biotrack.worker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar worker/target/biotrack-worker.jar detect | run-job | bench}.
 *
 * <p>Exit codes: 0 success; 1 failure (a job set to FAILED, an I/O error); 2 bad usage or
 * configuration; 3 ({@code run-job}) a stale attempt or a job that is not runnable.
 */
@Command(
    name = "biotrack-worker",
    mixinStandardHelpOptions = true,
    versionProvider = WorkerMain.Version.class,
    description = "MegaDetector v5 on DJL: folder detection, job mode and benchmark.",
    subcommands = {DetectCommand.class, RunJobCommand.class, BenchCommand.class})
public final class WorkerMain {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new WorkerMain());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = WorkerMain.class.getPackage().getImplementationVersion();
      return new String[] {"biotrack-worker " + (version == null ? "(development)" : version)};
    }
  }
}
