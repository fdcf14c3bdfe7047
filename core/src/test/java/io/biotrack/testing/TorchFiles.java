package io.biotrack.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Files laid out as PyTorch writes them (entry names as Debian's torch 1.13 writes them, checked
 * with {@code zipfile.namelist()}): a TorchScript archive ({@code torch.jit.save}: {@code code/},
 * {@code constants.pkl}) and a pickled checkpoint ({@code torch.save}, zip format: {@code data.pkl}
 * without either; or the legacy format, a bare pickle). Their contents are not loadable tensors:
 * they are for the checks that look at the file's structure, not for the engine.
 */
public final class TorchFiles {
  private TorchFiles() {}

  public static Path torchScript(Path file) throws IOException {
    String root = stem(file);
    return zip(
        file,
        root + "/data.pkl",
        root + "/code/__torch__/models/yolo.py",
        root + "/constants.pkl",
        root + "/data/0",
        root + "/version");
  }

  /** What MegaDetector publishes ({@code md_v5a.0.0.pt}): a zip-format {@code torch.save}. */
  public static Path checkpoint(Path file) throws IOException {
    String root = stem(file);
    return zip(file, root + "/data.pkl", root + "/data/0", root + "/data/1", root + "/version");
  }

  /** {@code torch.save(..., _use_new_zipfile_serialization=False)}: a pickle, magic first. */
  public static Path legacyCheckpoint(Path file) throws IOException {
    return Files.write(file, new byte[] {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc});
  }

  /** The first {@code keep} bytes of {@code source}, as an interrupted download leaves them. */
  public static Path truncated(Path source, Path file, int keep) throws IOException {
    byte[] all = Files.readAllBytes(source);
    byte[] part = new byte[Math.min(keep, all.length)];
    System.arraycopy(all, 0, part, 0, part.length);
    return Files.write(file, part);
  }

  private static Path zip(Path file, String... entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(("content of " + entry + " ").repeat(64).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return file;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
