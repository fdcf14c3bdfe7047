package io.biotrack.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model in the models folder.
 *
 * @param name what jobs choose it by: its folder's name ({@code {models}/NAME/}), or the file's own
 *     name for a file put directly in the folder by hand (as older versions documented)
 * @param file the TorchScript file
 * @param manifest its {@code model.json}; null for a file put there by hand
 */
public record InstalledModel(String name, Path file, ModelManifest manifest) {
  public InstalledModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
  }

  /**
   * What results write as {@code info.detector}: the published checkpoint's name, else the file's.
   */
  public String detector() {
    return manifest != null && manifest.detector() != null
        ? manifest.detector()
        : file.getFileName().toString();
  }
}
