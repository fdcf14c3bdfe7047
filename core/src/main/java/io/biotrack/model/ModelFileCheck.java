package io.biotrack.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a model file is, from its structure alone (no engine needed), so that a file the worker
 * could never run stops start-up instead of failing every job later.
 *
 * <p>PyTorch writes both of its formats as zip archives with one root folder: {@code
 * torch.jit.save} (TorchScript, what the worker loads) adds {@code code/} and {@code
 * constants.pkl}; {@code torch.save} of a model (a checkpoint, what MegaDetector publishes) has
 * only {@code data.pkl} and tensors. Older {@code torch.save} files are a bare pickle. An archive
 * whose end (the zip directory) is missing was cut short, e.g. by an interrupted copy.
 */
public final class ModelFileCheck {
  /** What a model file turned out to be. */
  public enum Kind {
    TORCHSCRIPT,
    CHECKPOINT,
    TRUNCATED,
    NOT_A_MODEL
  }

  private static final byte PICKLE_PROTO = (byte) 0x80;

  private ModelFileCheck() {}

  public static Kind kind(Path file) {
    byte[] head = new byte[4];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new InvalidModelException("cannot read model " + file + ": " + e.getMessage(), e);
    }
    if (read == 0) {
      return Kind.TRUNCATED;
    }
    if (head[0] == PICKLE_PROTO) {
      return Kind.CHECKPOINT;
    }
    if (read < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
      return Kind.NOT_A_MODEL;
    }
    List<String> names;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
    } catch (IOException e) {
      return Kind.TRUNCATED; // a local header first, but no readable directory at the end
    }
    if (names.stream().anyMatch(n -> n.endsWith("/constants.pkl"))
        && names.stream().anyMatch(n -> n.contains("/code/"))) {
      return Kind.TORCHSCRIPT;
    }
    if (names.stream().anyMatch(n -> n.endsWith("/data.pkl"))) {
      return Kind.CHECKPOINT;
    }
    return Kind.NOT_A_MODEL;
  }

  /**
   * @param name the installed model's name, if known (it goes into the fix the message gives)
   * @throws InvalidModelException with one line naming the file and the command that fixes it,
   *     unless the file is a complete TorchScript archive
   */
  public static void requireTorchScript(Path file, String name) {
    Kind kind = kind(file);
    String model = name != null ? name : guessName(file).orElse("NAME");
    switch (kind) {
      case TORCHSCRIPT -> {}
      case CHECKPOINT ->
          throw new InvalidModelException(
              file
                  + " is a PyTorch checkpoint (as MegaDetector publishes it), not the TorchScript"
                  + " model Biotrack runs: convert and install it with `./biotrack model install "
                  + model
                  + " --from "
                  + file
                  + "`, then remove it from "
                  + file.getParent());
      case TRUNCATED ->
          throw new InvalidModelException(
              file
                  + " is incomplete (the end of the archive is missing, as after an interrupted"
                  + " copy or download): install the model again with `./biotrack model install "
                  + model
                  + "`");
      case NOT_A_MODEL ->
          throw new InvalidModelException(
              file
                  + " is not a PyTorch model file: remove it, and install a model with"
                  + " `./biotrack model install "
                  + model
                  + "` (`./biotrack model list` shows them)");
    }
  }

  /** The fix for a file that no longer matches its recorded digest. */
  public static String reinstallHint(Path file, String name) {
    return "install the model again with `./biotrack model install "
        + (name != null ? name : guessName(file).orElse("NAME"))
        + "`";
  }

  /**
   * The catalogue name a file most likely holds: its published name ({@code md_v5a.0.0.pt}), or the
   * MegaDetector version its name stands for ({@code md_v5b.0.0.torchscript}).
   */
  static Optional<String> guessName(Path file) {
    ModelCatalogue catalogue = ModelCatalogue.megadetector();
    String fileName = file.getFileName().toString();
    Optional<CatalogueEntry> byName = catalogue.byFileName(fileName);
    if (byName.isPresent()) {
      return byName.map(CatalogueEntry::name);
    }
    String version = MegaDetectorVersions.fromFileName(fileName);
    return catalogue.entries().stream()
        .filter(e -> e.checkpoints().stream().anyMatch(c -> c.version().equals(version)))
        .map(CatalogueEntry::name)
        .findFirst();
  }
}
