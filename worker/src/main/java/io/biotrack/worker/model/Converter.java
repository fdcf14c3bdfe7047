package io.biotrack.worker.model;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run the conversion script for one YOLO library.
 *
 * @param python the Python command (the private environment's interpreter)
 * @param libraryPath a folder put first on the script's {@code sys.path} to find the checkpoint's
 *     classes; null to import the environment's installed library
 * @param environment a short description for the manifest (e.g. the requirements file)
 */
public record Converter(List<String> python, Path libraryPath, String environment) {
  public Converter {
    python = List.copyOf(python);
  }
}
