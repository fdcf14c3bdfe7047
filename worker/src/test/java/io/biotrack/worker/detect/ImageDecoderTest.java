package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.worker.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder against PIL: {@code parity/pixels.json} holds, for every image the Python reference
 * decoded, the SHA-256 of PIL's RGB pixels (after MegaDetector's mode and orientation rules) and of
 * OpenCV's letterboxed model input. Equal digests mean pixel identity.
 */
class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder();

  static Stream<String> decodedByPil() throws IOException {
    JsonNode pixels =
        new ObjectMapper().readTree(TestData.parity().resolve("pixels.json").toFile());
    List<String> files = new ArrayList<>();
    pixels.fieldNames().forEachRemaining(files::add);
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodedByPil")
  void decodesAndLetterboxesExactlyAsPilAndOpenCv(String file) throws Exception {
    JsonNode expected =
        new ObjectMapper().readTree(TestData.parity().resolve("pixels.json").toFile()).get(file);

    RgbImage image = decoder.decode(Files.readAllBytes(TestData.parity().resolve(file)));
    RgbImage boxed = Letterbox.apply(image, LetterboxGeometry.of(image.width(), image.height()));

    assertThat(image.width()).isEqualTo(expected.get("width").asInt());
    assertThat(image.height()).isEqualTo(expected.get("height").asInt());
    assertThat(Digests.sha256(image.pixels())).isEqualTo(expected.get("decoded_sha256").asText());
    assertThat(boxed.width()).isEqualTo(expected.get("letterboxed_width").asInt());
    assertThat(boxed.height()).isEqualTo(expected.get("letterboxed_height").asInt());
    assertThat(Digests.sha256(boxed.pixels()))
        .isEqualTo(expected.get("letterboxed_sha256").asText());
  }

  @Test
  void exifRotationAppliesToRgbJpegAndPngOnly() throws Exception {
    assertThat(size("edge/exif-6.jpg")).isEqualTo("480x640");
    assertThat(size("edge/exif-8.jpg")).isEqualTo("480x640");
    assertThat(size("edge/exif-3.jpg")).isEqualTo("640x480");
    assertThat(size("edge/rgb-exif-6.png")).isEqualTo("240x320");
    assertThat(size("edge/huge-exif.jpg"))
        .as("64 KB EXIF block, orientation 6")
        .isEqualTo("480x640");
    // never rotated: mirrored orientations, greyscale, RGBA, a malformed EXIF block
    assertThat(size("edge/exif-5-mirrored.jpg")).isEqualTo("640x480");
    assertThat(size("edge/grey-exif-6.jpg")).isEqualTo("640x480");
    assertThat(size("edge/rgba-exif-6.png")).isEqualTo("320x240");
    assertThat(size("edge/malformed-exif.jpg")).isEqualTo("640x480");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "edge/palette.png",
        "edge/palette.gif",
        "edge/cmyk.jpg",
        "edge/grey-alpha.png",
        "edge/grey-16bit.png"
      })
  void refusesTheModesMegaDetectorRefuses(String file) {
    assertThatThrownBy(() -> decoder.decode(Files.readAllBytes(TestData.parity().resolve(file))))
        .isInstanceOf(ImageAccessException.class)
        .hasMessageContaining("unsupported mode");
  }

  @Test
  void refusesAnEmptyFile() {
    assertThatThrownBy(() -> decoder.decode(new byte[0]))
        .isInstanceOf(ImageAccessException.class)
        .hasMessage("empty file");
  }

  @Test
  void refusesTextAndUnsupportedFormats() {
    byte[] text =
        "This is not a JPEG, just text with a .jpg name.\n".getBytes(StandardCharsets.UTF_8);
    byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8);
    // A WebP header: MegaDetector (Pillow) reads WebP, the JDK cannot.
    byte[] webp = "RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);

    for (byte[] content : List.of(text, svg, webp)) {
      assertThatThrownBy(() -> decoder.decode(content))
          .isInstanceOf(ImageAccessException.class)
          .hasMessageContaining("not a supported image format");
    }
  }

  @Test
  void refusesDecompressionBombsFromTheHeader() throws Exception {
    byte[] jpeg = Files.readAllBytes(TestData.edge().resolve("bomb.jpg"));
    byte[] png = Files.readAllBytes(TestData.edge().resolve("bomb.png"));

    assertThatThrownBy(() -> decoder.decode(jpeg)).hasMessageContaining("decompression bomb");
    assertThatThrownBy(() -> decoder.decode(png)).hasMessageContaining("decompression bomb");
    assertThat(30000L * 30000).isGreaterThan(ImageDecoder.MAX_PIXELS);
  }

  @Test
  void refusesJustAbovePilsLimit() throws Exception {
    // PIL only warns above 89,478,485 pixels; it refuses above twice that.
    byte[] tiny = Files.readAllBytes(TestData.edge().resolve("small-200x150.jpg"));

    assertThatThrownBy(() -> decoder.decode(withJpegSize(tiny, 13379, 13376)))
        .hasMessageContaining("decompression bomb"); // 178,957,504 > 178,956,970
    assertThat(ImageDecoder.MAX_PIXELS).isEqualTo(178_956_970L);
  }

  @Test
  void aTruncatedJpegDecodesWithTheRestGrey() throws Exception {
    byte[] whole = Files.readAllBytes(TestData.samples().resolve("sample-dzf-01.jpg"));
    byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);

    RgbImage image = decoder.decode(half);

    assertThat(image.width()).isEqualTo(800);
    assertThat(image.height()).isEqualTo(450);
    for (int x = 0; x < image.width(); x += 37) {
      for (int c = 0; c < 3; c++) {
        assertThat(image.sample(x, image.height() - 1, c)).isEqualTo(128);
      }
    }
    assertThat(image.sample(400, 10, 0)).as("the decoded top is the photo").isNotEqualTo(128);
  }

  @Test
  void aJpegCutInsideItsHeaderIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(TestData.samples().resolve("sample-dzf-01.jpg"));

    assertThatThrownBy(() -> decoder.decode(java.util.Arrays.copyOf(whole, 100)))
        .isInstanceOf(ImageAccessException.class);
  }

  @Test
  void hundredsOfHugeExifSegmentsAreSkipped() throws Exception {
    // 200 APP1 segments of 64 KB each (12.8 MB of metadata) before a real image.
    byte[] image = Files.readAllBytes(TestData.edge().resolve("exif-6.jpg"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(image, 0, 2); // SOI
    byte[] junk = new byte[65533];
    junk[0] = 'E';
    junk[1] = 'x';
    junk[2] = 'i';
    junk[3] = 'f';
    for (int i = 0; i < 200; i++) {
      out.write(0xFF);
      out.write(0xE1);
      out.write(0xFF);
      out.write(0xFF);
      out.write(junk, 0, 65533);
    }
    out.write(image, 2, image.length - 2);

    RgbImage decoded = decoder.decode(out.toByteArray());

    // The first Exif segment is junk (no TIFF header): no orientation, so not rotated.
    assertThat(decoded.width()).isEqualTo(640);
    assertThat(decoded.height()).isEqualTo(480);
  }

  private String size(String file) throws Exception {
    RgbImage image = decoder.decode(Files.readAllBytes(TestData.parity().resolve(file)));
    return image.width() + "x" + image.height();
  }

  /** The same JPEG with its frame header claiming another size. */
  private static byte[] withJpegSize(byte[] jpeg, int width, int height) {
    byte[] out = jpeg.clone();
    int i = 2;
    while (i < out.length) {
      int marker = out[i + 1] & 0xFF;
      int length = (out[i + 2] & 0xFF) << 8 | (out[i + 3] & 0xFF);
      if (marker >= 0xC0 && marker <= 0xC2) {
        out[i + 5] = (byte) (height >> 8);
        out[i + 6] = (byte) height;
        out[i + 7] = (byte) (width >> 8);
        out[i + 8] = (byte) width;
        return out;
      }
      i += 2 + length;
    }
    throw new IllegalArgumentException("no frame header");
  }
}
