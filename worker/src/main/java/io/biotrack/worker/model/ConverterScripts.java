package io.biotrack.worker.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The conversion script and its pinned requirements ({@code worker/scripts/convert/}), packed into
 * the worker jar so an installed worker (or its container image) has them.
 */
public final class ConverterScripts {
  public static final String SCRIPT = "convert_checkpoint.py";
  private static final String BASE = "/io/biotrack/worker/model/convert/";

  private ConverterScripts() {}

  /** Writes {@code name} from the jar into {@code dir}; @return the file */
  public static Path extract(String name, Path dir) throws IOException {
    try (InputStream in = ConverterScripts.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IOException("the worker jar lacks " + BASE + name + " (rebuild it)");
      }
      Files.createDirectories(dir);
      Path file = dir.resolve(name);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    }
  }

  public static String requirements(String library) {
    return "requirements-" + library + ".txt";
  }

  /** The text of a requirements file (its digest names the environment built from it). */
  public static String read(String name) throws IOException {
    try (InputStream in = ConverterScripts.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IOException("the worker jar lacks " + BASE + name + " (rebuild it)");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
