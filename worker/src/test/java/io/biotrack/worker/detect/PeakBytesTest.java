package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.worker.PatchedJpeg;
import io.biotrack.worker.TestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ImageDecoder#peakBytes}: the heap a decode holds at its peak, from the header alone, per
 * format and mode (the per-pixel figures were measured by decoding 24 MP images under the smallest
 * heap that worked; {@code DecodeBudgetIT} checks them against real heaps).
 */
class PeakBytesTest {
  private final ImageDecoder decoder = new ImageDecoder();

  @ParameterizedTest(name = "{0}: {1} bytes per pixel")
  @CsvSource({
    "edge/portrait-600x800.jpg, 3", // colour JPEG: decoded straight into the R, G, B array
    "edge/exif-6.jpg, 6", //          + the rotated copy
    "edge/exif-5-mirrored.jpg, 3", // mirrored orientations are not applied
    "edge/grey-exif-6.jpg, 4", //     greyscale raster + R, G, B copy, never rotated
    "edge/rgb-exif-6.png, 9", //      B, G, R raster + copy + rotated copy
    "edge/rgba-exif-6.png, 7", //     4-byte raster + copy, never rotated
    "edge/grey.png, 4",
    "edge/rgb-16bit.png, 9", //       6-byte raster + copy
    "edge/rgb.tif, 9", //             TIFF, BMP, GIF: twice the reader's raster + copy
    "edge/rgb.bmp, 9",
    "edge/palette.gif, 5",
  })
  void decodableImagesCountTheirPixels(String file, int bytesPerPixel) throws Exception {
    byte[] content = Files.readAllBytes(TestData.parity().resolve(file));
    long pixels = pixels(content);

    assertThat(decoder.peakBytes(content))
        .isEqualTo(content.length + pixels * bytesPerPixel + ImageDecoder.LETTERBOX_BYTES);
  }

  /** decode() refuses these from the header, before allocating pixels: only the bytes count. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "edge/bomb.jpg",
        "edge/bomb.png",
        "edge/cmyk.jpg",
        "edge/palette.png",
        "edge/grey-16bit.png",
        "edge/grey-alpha.png",
        "edge/empty.jpg",
        "edge/text.jpg",
        "edge/notes.txt"
      })
  void imagesRefusedFromTheHeaderCountTheirBytesOnly(String file) throws Exception {
    byte[] content = Files.readAllBytes(TestData.parity().resolve(file));

    assertThat(decoder.peakBytes(content)).isEqualTo(content.length + ImageDecoder.LETTERBOX_BYTES);
    assertThatThrownBy(() -> decoder.decode(content)).isInstanceOf(ImageAccessException.class);
  }

  @Test
  void theReviewsFourKilobyteFileClaimsHalfAGigabyte() {
    byte[] content = PatchedJpeg.review();

    assertThat(content).hasSize(4096);
    assertThat(decoder.peakBytes(content))
        .isEqualTo(4096 + 14000L * 12000 * 3 + ImageDecoder.LETTERBOX_BYTES)
        .isEqualTo(513_900_032L);
  }

  private static long pixels(byte[] content) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
    return (long) image.getWidth() * image.getHeight();
  }
}
