package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.worker.TestData;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Colour JPEGs decoded into an {@link RgbDestination}: the same samples as the JPEG reader's own
 * default destination on files without an ICC profile (which {@code ImageDecoderTest} proves equal
 * to PIL), and no colour conversion on files with one (PIL ignores embedded profiles; the reader's
 * default destination would convert them to sRGB).
 */
class RgbDestinationTest {
  private final ImageDecoder decoder = new ImageDecoder();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "samples/sample-arc-01.jpg", "samples/sample-ufldwec-01.jpg", "edge/progressive.jpg",
        "edge/subsampling-422.jpg", "edge/subsampling-444.jpg", "edge/odd-1777x1001.jpg",
        "edge/truncated.jpg"
      })
  void givesTheReadersDefaultSamples(String file) throws Exception {
    byte[] jpeg = Files.readAllBytes(TestData.parity().resolve(file));

    assertThat(decoder.decode(jpeg).pixels()).isEqualTo(defaultSamples(jpeg));
  }

  @Test
  void ignoresAnEmbeddedIccProfileAsPilDoes() throws Exception {
    byte[] plain = Files.readAllBytes(TestData.samples().resolve("sample-dzf-01.jpg"));
    byte[] tagged = withLinearRgbProfile(plain);
    assertThat(defaultSamples(tagged))
        .as("the reader's default destination converts the profile's colours to sRGB")
        .isNotEqualTo(defaultSamples(plain));

    assertThat(decoder.decode(tagged).pixels()).isEqualTo(decoder.decode(plain).pixels());
  }

  /**
   * Samples of the reader's default destination, in R, G, B order, as the old decoder read them.
   */
  private static byte[] defaultSamples(byte[] jpeg) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    Raster raster = image.getRaster();
    int width = raster.getWidth();
    int height = raster.getHeight();
    byte[] out = new byte[width * height * 3];
    int[] pixel = new int[3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.getPixel(x, y, pixel);
        for (int c = 0; c < 3; c++) {
          out[(y * width + x) * 3 + c] = (byte) pixel[c];
        }
      }
    }
    return out;
  }

  /** The same JPEG with the linear-RGB ICC profile in an APP2 segment after SOI. */
  static byte[] withLinearRgbProfile(byte[] jpeg) throws Exception {
    byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    int length = 2 + tag.length + 2 + profile.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
    out.write(tag);
    out.write(new byte[] {1, 1}); // chunk 1 of 1
    out.write(profile);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }
}
