package io.biotrack.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the TorchScript file behind a model location ({@code --model} / {@code BIOTRACK_MODEL}: a
 * file, or a directory holding exactly one {@code .pt} or {@code .torchscript} file) and verifies
 * it against {@code <file>.sha256} when that file exists (first token: the hex digest, as {@code
 * sha256sum} writes it). The worker and the embedded platform apply the same rules.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * @throws InvalidModelException if there is no single model file, if it is not a complete
   *     TorchScript archive ({@link ModelFileCheck}) or if its digest does not match; the message
   *     is one line that names the file and the fix
   */
  public static Path resolveAndVerify(Path location) {
    Path model = resolve(location);
    ModelFileCheck.requireTorchScript(model, installedName(model));
    verify(model);
    return model;
  }

  /**
   * The name a model was installed under: its folder's, for a file in a folder of its own ({@code
   * {models}/NAME/}, as {@code biotrack model install} lays it out); null otherwise.
   */
  public static String installedName(Path model) {
    Path folder = model.toAbsolutePath().getParent();
    return folder != null && Files.isRegularFile(folder.resolve(ModelManifest.FILE_NAME))
        ? folder.getFileName().toString()
        : null;
  }

  /**
   * The model file at {@code location}. @throws InvalidModelException if there is not exactly one
   */
  public static Path resolve(Path location) {
    if (Files.isRegularFile(location)) {
      return location;
    }
    if (!Files.isDirectory(location)) {
      throw new InvalidModelException("model not found: " + location);
    }
    List<Path> candidates = candidates(location);
    if (candidates.isEmpty()) {
      // A models folder ({models}/NAME/ per installed model): fine when it holds one.
      List<InstalledModel> installed = new InstalledModels(location).list();
      if (installed.size() == 1) {
        return installed.get(0).file();
      }
      if (installed.size() > 1) {
        throw new InvalidModelException(
            "the models folder "
                + location
                + " holds several models ("
                + String.join(", ", installed.stream().map(InstalledModel::name).toList())
                + "): name one, e.g. --model "
                + location.resolve(installed.get(0).name()));
      }
    }
    if (candidates.size() != 1) {
      throw new InvalidModelException(
          "model directory "
              + location
              + " must hold exactly one .pt or .torchscript file, found "
              + candidates.stream().map(p -> p.getFileName().toString()).toList());
    }
    return candidates.get(0);
  }

  /** The model files directly in {@code directory}, by name. */
  public static List<Path> candidates(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).filter(ModelFiles::isModelFile).sorted().toList();
    } catch (IOException e) {
      throw new InvalidModelException("cannot list model directory " + directory, e);
    }
  }

  /**
   * Checks {@code model} against the digests recorded for it: its {@code .sha256} file and the
   * {@code model.json} of its install folder, where they exist.
   */
  public static void verify(Path model) {
    Optional<String> expected = recordedDigest(model);
    Path folder = model.toAbsolutePath().getParent();
    Optional<ModelManifest> manifest =
        folder == null
            ? Optional.empty()
            : ModelManifest.readFrom(folder)
                .filter(m -> m.file().equals(model.getFileName().toString()));
    if (expected.isEmpty() && manifest.isEmpty()) {
      return;
    }
    String actual = sha256(model);
    if (expected.isPresent() && !actual.equals(expected.get())) {
      throw new InvalidModelException(
          "model "
              + model
              + " does not match "
              + model.getFileName()
              + ".sha256: expected SHA-256 "
              + expected.get()
              + ", file has "
              + actual
              + "; "
              + ModelFileCheck.reinstallHint(model, installedName(model)));
    }
    if (manifest.isPresent() && !actual.equalsIgnoreCase(manifest.get().sha256())) {
      throw new InvalidModelException(
          "model "
              + model
              + " does not match its "
              + ModelManifest.FILE_NAME
              + ": expected SHA-256 "
              + manifest.get().sha256()
              + ", file has "
              + actual
              + "; "
              + ModelFileCheck.reinstallHint(model, installedName(model)));
    }
  }

  /** The digest recorded in {@code <model>.sha256}; empty when there is no such file. */
  public static Optional<String> recordedDigest(Path model) {
    Path checksum = model.resolveSibling(model.getFileName() + ".sha256");
    if (!Files.isRegularFile(checksum)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(checksum, StandardCharsets.UTF_8).trim();
      return Optional.of(text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT));
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + checksum, e);
    }
  }

  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new InvalidModelException("cannot read model " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isModelFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".pt") || name.endsWith(".torchscript");
  }
}
