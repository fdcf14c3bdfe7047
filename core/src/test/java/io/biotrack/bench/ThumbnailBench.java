package io.biotrack.bench;

import io.biotrack.image.Thumbnails;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * What a worker's thumbnail adds to each photo (issue 17): the CPU time of {@link Thumbnails#of}
 * (area-average shrink to 320 px and JPEG encoding) on the decoded pixels of a 4000×3000 photo made
 * from a sample, the thread's CPU time, median of the runs after a warm-up. The decode of the same
 * photo by the JDK's JPEG decoder is timed beside it for scale.
 *
 * <pre>scripts/bench-thumbnail [photo] [runs]</pre>
 */
public final class ThumbnailBench {
  private ThumbnailBench() {}

  public static void main(String[] args) throws Exception {
    Path photo = Path.of(args.length > 0 ? args[0] : "samples/camera-traps/sample-arc-01.jpg");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    BufferedImage sample = ImageIO.read(photo.toFile());
    BufferedImage large = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = large.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(sample, 0, 0, 4000, 3000, null);
    g.dispose();
    java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
    ImageIO.write(large, "jpeg", jpeg);
    byte[] file = jpeg.toByteArray();
    byte[] rgb = new byte[4000 * 3000 * 3];
    int[] row = new int[4000];
    for (int y = 0, i = 0; y < 3000; y++) {
      large.getRGB(0, y, 4000, 1, row, 0, 4000);
      for (int x = 0; x < 4000; x++, i += 3) {
        rgb[i] = (byte) (row[x] >> 16);
        rgb[i + 1] = (byte) (row[x] >> 8);
        rgb[i + 2] = (byte) row[x];
      }
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] thumbnail = new long[runs];
    long[] decode = new long[runs];
    int bytes = 0;
    for (int warm = 0; warm < 3; warm++) {
      bytes = Thumbnails.of(4000, 3000, rgb).length;
      ImageIO.read(new java.io.ByteArrayInputStream(file));
    }
    for (int r = 0; r < runs; r++) {
      long start = cpu.getCurrentThreadCpuTime();
      Thumbnails.of(4000, 3000, rgb);
      thumbnail[r] = cpu.getCurrentThreadCpuTime() - start;
      start = cpu.getCurrentThreadCpuTime();
      ImageIO.read(new java.io.ByteArrayInputStream(file));
      decode[r] = cpu.getCurrentThreadCpuTime() - start;
    }
    System.out.printf(
        "photo %s as 4000x3000 (%d KB JPEG), %d runs after 3 warm-up runs, %d cores, load %.1f%n",
        Files.exists(photo) ? photo.getFileName() : photo,
        file.length / 1024,
        runs,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(
        "thumbnail (shrink + encode): median %.1f ms CPU, %d KB%n",
        median(thumbnail) / 1e6, bytes / 1024);
    System.out.printf("JDK decode of the same photo: median %.1f ms CPU%n", median(decode) / 1e6);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
