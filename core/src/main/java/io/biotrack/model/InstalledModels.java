package io.biotrack.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The models folder ({@code {data}/models/} in embedded mode, the model share in a cluster): one
 * folder per installed model, {@code NAME/} with the TorchScript file, its {@code .sha256} and
 * {@code model.json}, as {@code biotrack model install} writes them. A model file put directly in
 * the folder (the way older versions documented) counts too, named by its file name. Folders
 * starting with a dot are the installer's work in progress.
 */
public final class InstalledModels {
  private final Path dir;

  public InstalledModels(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Where the model {@code name} is (or would be) installed. */
  public Path folder(String name) {
    if (!CatalogueEntry.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a model name: " + name);
    }
    return dir.resolve(name);
  }

  /**
   * Every model in the folder, by name; nothing is verified here (see {@link #checkAll()}).
   *
   * @throws InvalidModelException when a model folder holds no single model file
   */
  public List<InstalledModel> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<InstalledModel> models = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        if (Files.isDirectory(entry)) {
          if (ModelFiles.candidates(entry).isEmpty() && ModelManifest.readFrom(entry).isEmpty()) {
            continue; // not a model folder
          }
          if (Files.isRegularFile(entry.resolve("info.json"))) {
            // A SpeciesNet classifier (models/speciesnet/, its info.json beside a TorchScript
            // file): not a detector, and taking it for one made a folder with one detector
            // "hold several models".
            continue;
          }
          Optional<ModelManifest> manifest = ModelManifest.readFrom(entry);
          Path file =
              manifest.map(m -> entry.resolve(m.file())).orElseGet(() -> ModelFiles.resolve(entry));
          models.add(new InstalledModel(name, file, manifest.orElse(null)));
        } else if (Files.isRegularFile(entry) && ModelFiles.candidates(dir).contains(entry)) {
          models.add(new InstalledModel(name, entry, null));
        }
      }
    } catch (IOException e) {
      throw new InvalidModelException("cannot list the models folder " + dir, e);
    }
    return models;
  }

  public Optional<InstalledModel> find(String name) {
    return list().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /**
   * Checks every model as start-up does: a complete TorchScript archive that matches its recorded
   * digests.
   *
   * @throws InvalidModelException for the first that fails, in one line with the fix
   */
  public List<InstalledModel> checkAll() {
    List<InstalledModel> models = list();
    for (InstalledModel model : models) {
      if (!Files.isRegularFile(model.file())) {
        throw new InvalidModelException(
            model.file()
                + " is missing: install the model again with `./biotrack model install "
                + model.name()
                + "`");
      }
      ModelFiles.resolveAndVerify(model.file());
    }
    return models;
  }
}
