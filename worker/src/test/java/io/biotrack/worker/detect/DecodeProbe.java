package io.biotrack.worker.detect;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code DecodeBudgetIT}'s child JVM: holds {@code ballast} MiB as the rest of a worker would, then
 * prepares the image twice, as {@link MegaDetector#prepare} does (decode, letterbox, tensor),
 * through this JVM's {@link DecodeBudget}. Exits 0 when both fit, 5 when the budget refuses the
 * image, and 3 (the JVM, under {@code -XX:+ExitOnOutOfMemoryError}) when the heap runs out.
 */
public final class DecodeProbe {
  private DecodeProbe() {}

  public static void main(String[] args) throws Exception {
    byte[] content = Files.readAllBytes(Path.of(args[0]));
    byte[] ballast = new byte[Integer.parseInt(args[1]) << 20];
    ImageDecoder decoder = new ImageDecoder();
    DecodeBudget budget = DecodeBudget.forThisJvm();
    for (int pass = 0; pass < 2; pass++) {
      try (DecodeBudget.Permit permit = budget.acquire(decoder.peakBytes(content))) {
        RgbImage image = decoder.decode(content);
        LetterboxGeometry geometry = LetterboxGeometry.of(image.width(), image.height());
        ImageTensor.of(Letterbox.apply(image, geometry));
      } catch (ImageAccessException e) {
        System.out.println("refused: " + e.getMessage());
        System.exit(5);
      }
    }
    System.out.println("decoded twice with " + ballast.length / (1 << 20) + " MiB of ballast");
  }
}
