package io.biotrack.worker.model;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The private Python environment the conversion runs in: one virtual environment per YOLO library
 * and pinned requirements file ({@code {cache}/convert/LIBRARY-DIGEST/}), made once with {@code
 * python3 -m venv} and {@code pip install -r}, then reused. It needs Python 3.9 to 3.12 with the
 * venv module (Debian: {@code apt-get install python3-venv}) and access to PyPI; torch comes from
 * PyTorch's CPU wheel index, so no CUDA libraries are downloaded.
 */
public final class PrivateEnvironment implements ConverterSetup {
  static final String CPU_WHEELS = "https://download.pytorch.org/whl/cpu";
  private static final String READY = ".biotrack-ready";

  private final Path root;
  private final String python;
  private final PrintStream log;

  /**
   * @param root where the environments live
   * @param python the Python 3 that creates them ({@code python3})
   */
  public PrivateEnvironment(Path root, String python, PrintStream log) {
    this.root = root;
    this.python = python;
    this.log = log;
  }

  @Override
  public Converter prepare(String library) throws InstallException {
    String name = ConverterScripts.requirements(library);
    try {
      String requirements = ConverterScripts.read(name);
      Path env = root.resolve(library + "-" + digest(requirements).substring(0, 12));
      Path interpreter = env.resolve("bin").resolve("python");
      if (!Files.isRegularFile(env.resolve(READY))) {
        log.println(
            "biotrack: setting up the conversion environment in "
                + env
                + " (once; downloads torch and "
                + library
                + ", about 1 GB)");
        Path file = ConverterScripts.extract(name, root);
        run(
            List.of(python, "-m", "venv", "--clear", env.toString()),
            "could not create a Python virtual environment with "
                + python
                + " (Debian/Ubuntu: apt-get install python3-venv)");
        run(
            List.of(
                interpreter.toString(),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--extra-index-url",
                CPU_WHEELS,
                "-r",
                file.toString()),
            "pip could not install " + name + " into " + env + " (see the messages above)");
        Files.writeString(env.resolve(READY), requirements);
      }
      return new Converter(List.of(interpreter.toString()), null, name);
    } catch (IOException e) {
      throw new InstallException(
          "cannot set up the conversion environment: " + e.getMessage(), false);
    }
  }

  private void run(List<String> command, String failure) throws InstallException, IOException {
    Process process;
    try {
      process = new ProcessBuilder(new ArrayList<>(command)).inheritIO().start();
    } catch (IOException e) {
      throw new InstallException(failure + ": " + e.getMessage(), false);
    }
    try {
      if (process.waitFor() != 0) {
        throw new InstallException(failure, false);
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new InstallException("interrupted", false);
    }
  }

  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
