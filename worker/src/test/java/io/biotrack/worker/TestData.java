package io.biotrack.worker;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Where the worker's tests find the committed model and images. */
public final class TestData {
  private TestData() {}

  /** The small committed model ({@code models/testing/}), as the build passes it. */
  public static Path model() {
    return Path.of(
            System.getProperty(
                "biotrack.testModel", "../models/testing/biotrack-test-md.torchscript"))
        .toAbsolutePath()
        .normalize();
  }

  /** The committed random-weight test classifier ({@code models/testing-classifier/}). */
  public static Path classifier() {
    return Path.of("../models/testing-classifier").toAbsolutePath().normalize();
  }

  /** The 12 camera-trap photos of {@code samples/camera-traps/}. */
  public static Path cameraTraps() {
    return Path.of("../samples/camera-traps").toAbsolutePath().normalize();
  }

  /** The parity folder: {@code samples/} (camera-trap photos) and {@code edge/} (edge cases). */
  public static Path parity() {
    return resource("parity");
  }

  public static Path samples() {
    return parity().resolve("samples");
  }

  public static Path edge() {
    return parity().resolve("edge");
  }

  public static Path resource(String name) {
    URL url = TestData.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
