package io.biotrack.worker.model;

/** Gives the {@link Converter} for a checkpoint's YOLO library, setting it up if needed. */
@FunctionalInterface
public interface ConverterSetup {
  Converter prepare(String library) throws InstallException;

  /** An environment the user (or a test) already has: used as it is. */
  static ConverterSetup fixed(Converter converter) {
    return library -> converter;
  }
}
