package io.biotrack.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The built platform in this checkout: what the end-to-end tests run. */
public final class Repo {
  private Repo() {}

  /** The repository root (the tests run in e2e/). */
  public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  public static Path launcher() {
    return existing(ROOT.resolve("biotrack"));
  }

  public static Path gatewayJar() {
    return existing(ROOT.resolve("api-gateway/target/biotrack-api-gateway.jar"));
  }

  public static Path operatorJar() {
    return existing(ROOT.resolve("operator/target/biotrack-operator.jar"));
  }

  /** The committed BioJob CRD. */
  public static Path crd() {
    return existing(ROOT.resolve("crds/biojobs.biotrack.io-v1.yml"));
  }

  public static Path workerJar() {
    return existing(ROOT.resolve("worker/target/biotrack-worker.jar"));
  }

  /** The small committed test model (its detections mean nothing; the flow is what is tested). */
  public static Path testModel() {
    return existing(ROOT.resolve("models/testing/biotrack-test-md.torchscript"));
  }

  /** The 12 camera-trap photos (MIT, see the NOTICE there) that the README's examples use. */
  public static Path samples() {
    return existing(ROOT.resolve("samples/camera-traps"));
  }

  /** Where the tests keep logs and data: e2e/target/e2e/{name}. */
  public static Path workDir(String name) {
    try {
      Path base = Files.createDirectories(Path.of("target", "e2e").toAbsolutePath());
      return Files.createTempDirectory(base, name + "-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path existing(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          path
              + " is missing: run the end-to-end tests through Maven so the jars are built first,"
              + " e.g. ./mvnw -B -pl e2e -am verify");
    }
    return path;
  }
}
