package io.biotrack.worker.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's size, SHA-256 and MD5 in one read (a checkpoint is up to ~300 MB; MegaDetector publishes
 * MD5 sums, Biotrack records SHA-256).
 */
public record FileDigests(long size, String sha256, String md5) {
  public static FileDigests of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[1 << 16];
      long size = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
        md5.update(buffer, 0, n);
        size += n;
      }
      return new FileDigests(
          size, HexFormat.of().formatHex(sha.digest()), HexFormat.of().formatHex(md5.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
