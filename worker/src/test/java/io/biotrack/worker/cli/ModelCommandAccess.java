package io.biotrack.worker.cli;

import io.biotrack.model.ModelCatalogue;
import java.io.PrintStream;

/** Lets tests in other packages give {@link ModelCommand} their catalogue and streams. */
public final class ModelCommandAccess {
  private ModelCommandAccess() {}

  public static void catalogue(ModelCatalogue catalogue) {
    ModelCommand.catalogue = catalogue;
  }

  public static void streams(PrintStream out, PrintStream err) {
    ModelCommand.out = out;
    ModelCommand.err = err;
  }

  public static int execute(String... args) {
    return WorkerMain.commandLine().execute(args);
  }
}
