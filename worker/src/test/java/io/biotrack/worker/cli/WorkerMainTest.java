package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.launch.WorkerExitCodes;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class WorkerMainTest {
  @Command(name = "starved")
  static final class Starved implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void runningOutOfMemoryExitsWithItsOwnCode() {
    int exit = WorkerMain.execute(new CommandLine(new Starved()));

    assertThat(exit)
        .isEqualTo(WorkerExitCodes.OUT_OF_MEMORY)
        .isEqualTo(3)
        .isNotEqualTo(WorkerExitCodes.ATTEMPT_FAILED);
  }

  @Test
  void otherwiseTheCommandsOwnCode() {
    assertThat(WorkerMain.execute(WorkerMain.commandLine(), "detect")).isEqualTo(2); // usage
  }
}
