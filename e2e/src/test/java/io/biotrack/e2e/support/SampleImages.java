package io.biotrack.e2e.support;

import io.biotrack.e2e.support.Api.Upload;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The images jobs are made of: the 12 camera-trap samples, variants of them, broken files. */
public final class SampleImages {
  private SampleImages() {}

  /** The 12 sample photos under their own names. */
  public static List<Upload> samples() {
    try (Stream<Path> files = Files.list(Repo.samples())) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jpg"))
          .sorted()
          .map(p -> new Upload(p.getFileName().toString(), read(p)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code count} distinct photos made from the samples (in folders of 25, as cameras write them):
   * each a sample scaled to a width between 480 and 960 pixels, mirrored or not, re-encoded. Fixed
   * by {@code seed}.
   */
  public static List<Upload> variants(int count, long seed) {
    List<Upload> samples = samples();
    Random random = new Random(seed);
    List<Upload> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Upload sample = samples.get(i % samples.size());
      int width = 480 + random.nextInt(481);
      boolean mirror = random.nextBoolean();
      String name = String.format("cam%02d/IMG_%04d.jpg", i / 25 + 1, i);
      out.add(new Upload(name, variant(sample.bytes(), width, mirror)));
    }
    return out;
  }

  /**
   * {@code count} distinct small photos (160 to 320 pixels wide) made from the samples, in folders
   * of {@code perFolder} as cameras write them: a season's worth without a season's bytes.
   */
  public static List<Upload> small(int count, int perFolder, long seed) {
    List<Upload> samples = samples();
    Random random = new Random(seed);
    List<Upload> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Upload sample = samples.get(i % samples.size());
      String name = String.format("cam%02d/IMG_%05d.JPG", i / perFolder + 1, i);
      out.add(
          new Upload(
              name, variant(sample.bytes(), 160 + random.nextInt(161), random.nextBoolean())));
    }
    return out;
  }

  /** Writes {@code files} under {@code dir} by their names (a camera card copied to disk). */
  public static void write(Path dir, List<Upload> files) {
    try {
      for (Upload file : files) {
        Path target = dir.resolve(file.name());
        Files.createDirectories(target.getParent());
        Files.write(target, file.bytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The reliability review's poison photo: a sample whose frame header claims 14000×12000 pixels
   * (under the decompression-bomb cap), cut to 4 KB. Decoding it would take 504 MB of heap.
   */
  public static byte[] poison() {
    byte[] data = samples().get(2).bytes().clone();
    int pos = 2;
    while (pos + 4 <= data.length) {
      int marker = data[pos + 1] & 0xFF;
      int segment = (data[pos + 2] & 0xFF) << 8 | (data[pos + 3] & 0xFF);
      if (marker >= 0xC0 && marker <= 0xC2) {
        int body = pos + 4;
        data[body + 1] = (byte) (12000 >> 8);
        data[body + 2] = (byte) 12000;
        data[body + 3] = (byte) (14000 >> 8);
        data[body + 4] = (byte) 14000;
        return java.util.Arrays.copyOf(data, 4096);
      }
      pos += 2 + segment;
    }
    throw new IllegalStateException("no frame header in the sample");
  }

  /**
   * Files that look like JPEGs to the upload check (the right first bytes) but do not decode: a
   * header followed by noise, or a sample cut off after its first bytes.
   */
  public static List<Upload> corrupt(int count, long seed) {
    Random random = new Random(seed);
    List<Upload> samples = samples();
    List<Upload> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = new byte[2000 + random.nextInt(2000)];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
      } else {
        byte[] whole = samples.get(i % samples.size()).bytes();
        bytes = java.util.Arrays.copyOf(whole, 300 + random.nextInt(200));
      }
      out.add(new Upload(String.format("broken/%02d.jpg", i), bytes));
    }
    return out;
  }

  private static byte[] variant(byte[] jpeg, int width, boolean mirror) {
    try {
      BufferedImage source = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
      int height = Math.max(1, source.getHeight() * width / source.getWidth());
      BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = scaled.createGraphics();
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      if (mirror) {
        g.drawImage(source, width, 0, -width, height, null);
      } else {
        g.drawImage(source, 0, 0, width, height, null);
      }
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(scaled, "jpg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
