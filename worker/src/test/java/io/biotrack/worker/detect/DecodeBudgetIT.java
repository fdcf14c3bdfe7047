package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.worker.PatchedJpeg;
import io.biotrack.worker.TestData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The budget's promise, per format, against real heaps: an image that just fits the decode budget
 * of a heap decodes in a JVM with that heap ({@code -XX:+ExitOnOutOfMemoryError}, as the worker
 * image runs), next to {@value #BALLAST_MIB} MiB standing for the rest of a worker (its measured
 * live heap is 5-30 MB). The heap is the smallest, in steps of 4 MiB, whose budget admits the
 * image, so an estimate that fell short of the real peak would run out of memory. Images of 10-48
 * MP, each format's estimate 120-160 MB.
 */
class DecodeBudgetIT {
  private static final int BALLAST_MIB = 32;

  @TempDir Path tmp;

  static Stream<Arguments> images() {
    List<Arguments> cases = new ArrayList<>();
    for (String gc : List.of("-XX:+UseG1GC", "-XX:+UseSerialGC")) {
      cases.add(Arguments.of("colour JPEG, 48 MP", gc));
      cases.add(Arguments.of("rotated colour JPEG, 24 MP", gc));
      cases.add(Arguments.of("greyscale JPEG, 36 MP", gc));
      cases.add(Arguments.of("RGB PNG, 20 MP", gc));
      cases.add(Arguments.of("RGBA PNG, 16 MP", gc));
      cases.add(Arguments.of("16-bit RGB PNG, 14 MP", gc));
      cases.add(Arguments.of("TIFF, 10.5 MP", gc));
      cases.add(Arguments.of("BMP, 10.5 MP", gc));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("images")
  void anImageThatJustFitsTheBudgetDecodesInThatHeap(String image, String gc) throws Exception {
    Path file = tmp.resolve("image");
    Files.write(file, make(image));
    long needs = new ImageDecoder().peakBytes(Files.readAllBytes(file));
    int heapMib = roughlyAdmittingHeapMib(needs, gc) - 12;

    Probe probe;
    do {
      heapMib += 4;
      probe = probe(file, heapMib, gc);
    } while (probe.exit() == 5);

    assertThat(probe.exit())
        .as(
            "%s needs %d MB by its estimate; with -Xmx%dm: %s",
            image, needs / 1_000_000, heapMib, probe.log())
        .isZero();
  }

  /**
   * About the smallest heap whose budget admits {@code needs}: the budget's share of the heap a
   * decode can use, all of it with G1, the old generation (two thirds) with Serial.
   */
  private static int roughlyAdmittingHeapMib(long needs, String gc) {
    double usable = gc.contains("Serial") ? 2.0 / 3 : 1;
    int mib = 64;
    while (DecodeBudget.forHeap((long) ((long) mib * (1 << 20) * usable)).bytes() < needs) {
      mib++;
    }
    return mib;
  }

  private record Probe(int exit, String log) {}

  private Probe probe(Path file, int heapMib, String gc) throws Exception {
    String testClasses =
        Path.of(DecodeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    String workerJar = System.getProperty("biotrack.workerJar", "target/biotrack-worker.jar");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + heapMib + "m",
            gc,
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            workerJar + File.pathSeparator + testClasses,
            DecodeProbe.class.getName(),
            file.toString(),
            Integer.toString(BALLAST_MIB));
    Path log = tmp.resolve("probe.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Probe(process.exitValue(), Files.readString(log));
  }

  private static byte[] make(String image) throws IOException {
    return switch (image) {
      // Headers patched to a larger size: the decoder allocates the full raster and fills
      // what the data does not cover, as for the review's file.
      case "colour JPEG, 48 MP" ->
          PatchedJpeg.of("sample-cfz-01.jpg", 8000, 6000, Integer.MAX_VALUE);
      case "rotated colour JPEG, 24 MP" -> patched("edge/exif-6.jpg", 6000, 4000);
      case "greyscale JPEG, 36 MP" -> patched("edge/grey-exif-6.jpg", 6000, 6000);
      case "RGB PNG, 20 MP" -> encode(filled(BufferedImage.TYPE_3BYTE_BGR, 5000, 4000), "png");
      case "RGBA PNG, 16 MP" -> encode(filled(BufferedImage.TYPE_4BYTE_ABGR, 4000, 4000), "png");
      case "16-bit RGB PNG, 14 MP" -> encode(rgb16(4000, 3500), "png");
      case "TIFF, 10.5 MP" -> encode(filled(BufferedImage.TYPE_3BYTE_BGR, 3500, 3000), "tif");
      case "BMP, 10.5 MP" -> encode(filled(BufferedImage.TYPE_3BYTE_BGR, 3500, 3000), "bmp");
      default -> throw new IllegalArgumentException(image);
    };
  }

  private static byte[] patched(String file, int width, int height) throws IOException {
    return PatchedJpeg.withFrameSize(
        Files.readAllBytes(TestData.parity().resolve(file)), width, height, Integer.MAX_VALUE);
  }

  private static BufferedImage filled(int type, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(90, 140, 60, 200));
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  private static BufferedImage rgb16(int width, int height) {
    BufferedImage image =
        ImageTypeSpecifier.createInterleaved(
                ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {0, 1, 2},
                DataBuffer.TYPE_USHORT,
                false,
                false)
            .createBufferedImage(width, height);
    Arrays.fill(((DataBufferUShort) image.getRaster().getDataBuffer()).getData(), (short) 40000);
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IllegalStateException("no " + format + " writer");
    }
    return out.toByteArray();
  }
}
