package io.biotrack.deploy.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository whose deployment files the tests check. */
public final class Repo {
  private Repo() {}

  /** The repository root: the {@code biotrack.root} property failsafe sets, else the parent. */
  public static Path root() {
    Path root = Path.of(System.getProperty("biotrack.root", "..")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("helm/biotrack/Chart.yaml"))) {
      throw new IllegalStateException("no helm/biotrack/Chart.yaml under " + root);
    }
    return root;
  }

  public static Path chart() {
    return root().resolve("helm/biotrack");
  }

  /** The committed CRDs (generated from the operator's classes). */
  public static Path crds() {
    return root().resolve("crds");
  }

  public static Path manifests() {
    return root().resolve("manifests");
  }
}
