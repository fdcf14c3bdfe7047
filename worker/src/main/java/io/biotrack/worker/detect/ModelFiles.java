package io.biotrack.worker.detect;

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
import java.util.stream.Stream;

/**
 * Finds the TorchScript file behind {@code --model} / {@code BIOTRACK_MODEL} (a file, or a
 * directory holding exactly one {@code .pt} or {@code .torchscript} file) and verifies it against
 * {@code <file>.sha256} when that file exists (first token: the hex digest, as {@code sha256sum}
 * writes it).
 */
public final class ModelFiles {
  private ModelFiles() {}

  /** @throws DetectorException if there is no single model file or its digest does not match */
  public static Path resolveAndVerify(Path location) {
    Path model = resolve(location);
    verify(model);
    return model;
  }

  static Path resolve(Path location) {
    if (Files.isRegularFile(location)) {
      return location;
    }
    if (!Files.isDirectory(location)) {
      throw new DetectorException("model not found: " + location);
    }
    List<Path> candidates;
    try (Stream<Path> files = Files.list(location)) {
      candidates = files.filter(Files::isRegularFile).filter(ModelFiles::isModelFile).sorted().toList();
    } catch (IOException e) {
      throw new DetectorException("cannot list model directory " + location, e);
    }
    if (candidates.size() != 1) {
      throw new DetectorException(
          "model directory " + location + " must hold exactly one .pt or .torchscript file, found "
              + candidates.stream().map(p -> p.getFileName().toString()).toList());
    }
    return candidates.get(0);
  }

  private static boolean isModelFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".pt") || name.endsWith(".torchscript");
  }

  static void verify(Path model) {
    Path checksum = model.resolveSibling(model.getFileName() + ".sha256");
    if (!Files.isRegularFile(checksum)) {
      return;
    }
    String expected;
    try {
      String text = Files.readString(checksum, StandardCharsets.UTF_8).trim();
      expected = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      throw new DetectorException("cannot read " + checksum, e);
    }
    String actual = sha256(model);
    if (!actual.equals(expected)) {
      throw new DetectorException(
          "model " + model + " does not match " + checksum.getFileName() + ": expected SHA-256 "
              + expected + ", file has " + actual);
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
      throw new DetectorException("cannot read model " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
