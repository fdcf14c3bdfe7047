package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.worker.TestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ImageDecoder#decodeLetterboxed}, which letterboxes colour JPEGs line by line as they are
 * decoded, against OpenCV's letterbox of PIL's pixels ({@code parity/pixels.json}) and against the
 * two-step path, and that the line-by-line path is really the one taken for colour JPEGs.
 */
class StreamedLetterboxTest {
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
  void letterboxesExactlyAsPilAndOpenCv(String file) throws Exception {
    JsonNode expected =
        new ObjectMapper().readTree(TestData.parity().resolve("pixels.json").toFile()).get(file);

    ImageDecoder.Letterboxed boxed =
        decoder.decodeLetterboxed(
            Files.readAllBytes(TestData.parity().resolve(file)), LetterboxGeometry::of);

    assertThat(boxed.geometry().width()).isEqualTo(expected.get("width").asInt());
    assertThat(boxed.geometry().height()).isEqualTo(expected.get("height").asInt());
    assertThat(boxed.image().width()).isEqualTo(expected.get("letterboxed_width").asInt());
    assertThat(boxed.image().height()).isEqualTo(expected.get("letterboxed_height").asInt());
    assertThat(Digests.sha256(boxed.image().pixels()))
        .isEqualTo(expected.get("letterboxed_sha256").asText());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "samples/sample-arc-01.jpg",
    "samples/sample-dzf-01.jpg",
    "edge/truncated.jpg",
    "edge/subsampling-422.jpg",
    "edge/odd-1777x1001.jpg",
    "edge/small-200x150.jpg",
    "edge/exif-2-mirrored.jpg"
  })
  void colourJpegsKeptUprightAreLetterboxedLineByLine(String file) throws Exception {
    byte[] content = Files.readAllBytes(TestData.parity().resolve(file));

    ImageDecoder.Letterboxed streamed =
        ImageDecoder.streamedLetterbox(content, LetterboxGeometry::of);

    assertThat(streamed).as("the line-by-line path was taken").isNotNull();
    assertThat(streamed.image().pixels()).isEqualTo(twoSteps(content).pixels());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "edge/exif-6.jpg",
    "edge/progressive.jpg",
    "edge/grey-exif-6.jpg",
    "edge/grey.png",
    "edge/cmyk.jpg"
  })
  void rotatedProgressiveGreyAndOtherFilesTakeTheTwoStepPath(String file) throws Exception {
    assertThat(
            ImageDecoder.streamedLetterbox(
                Files.readAllBytes(TestData.parity().resolve(file)), LetterboxGeometry::of))
        .isNull();
  }

  @Test
  void anEmbeddedIccProfileIsIgnoredAsPilDoes() throws Exception {
    byte[] plain = Files.readAllBytes(TestData.samples().resolve("sample-dzf-01.jpg"));
    byte[] tagged = RgbDestinationTest.withLinearRgbProfile(plain);

    ImageDecoder.Letterboxed streamed =
        ImageDecoder.streamedLetterbox(tagged, LetterboxGeometry::of);

    assertThat(streamed).isNotNull();
    assertThat(streamed.image().pixels()).isEqualTo(twoSteps(plain).pixels());
  }

  /** The three arithmetic paths of the resize: 2:1 halving, the same size, and an upscale. */
  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"2560, 1920", "1280, 960", "1280, 720", "640, 480", "4000, 3000", "3001, 1999"})
  void everyResizePathGivesTheTwoStepPixels(int width, int height) throws Exception {
    byte[] jpeg = jpeg(NoiseImage.of(width, height, 5));

    ImageDecoder.Letterboxed streamed = ImageDecoder.streamedLetterbox(jpeg, LetterboxGeometry::of);

    assertThat(streamed).isNotNull();
    assertThat(streamed.image().pixels()).isEqualTo(twoSteps(jpeg).pixels());
  }

  @Test
  void theReviewsPoisonJpegNoLongerNeedsItsClaimedSize() throws Exception {
    // 4 KB claiming 14000x12000: the two-step path allocates 504 MB for it; line by line, only
    // the letterbox (1280x1088x3 bytes) is held.
    ImageDecoder.Letterboxed streamed =
        ImageDecoder.streamedLetterbox(
            io.biotrack.worker.PatchedJpeg.review(), LetterboxGeometry::of);

    assertThat(streamed).isNotNull();
    assertThat(streamed.geometry().width()).isEqualTo(14000);
    assertThat(streamed.image().width()).isEqualTo(1280);
  }

  @Test
  void aFileThatIsNotAnImageFailsAsDecodeDoes() {
    byte[] text = "not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> decoder.decodeLetterboxed(text, LetterboxGeometry::of))
        .isInstanceOf(ImageAccessException.class)
        .hasMessage("not a supported image format");
  }

  /** Rows handed over in one reused buffer, as the decoder does, give the same resize. */
  @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
  @CsvSource({"40, 30, 20, 15", "37, 23, 11, 7", "5, 4, 5, 4", "6, 4, 17, 9", "1, 6, 9, 3"})
  void rowsFromAReusedBufferResizeAsTheWholeImage(int width, int height, int toW, int toH) {
    RgbImage image = NoiseImage.of(width, height, 9);
    byte[] out = new byte[toW * toH * 3];
    LinearResize.Rows rows = LinearResize.rows(width, height, toW, toH, out, 0, toW * 3);
    byte[] line = new byte[width * 3 + 4];
    for (int y = 0; y < height; y++) {
      System.arraycopy(image.pixels(), y * width * 3, line, 4, width * 3);
      rows.accept(line, 4);
      Arrays.fill(line, (byte) 0);
    }

    assertThat(rows.complete()).isTrue();
    assertThat(out).isEqualTo(LinearResize.resize(image, toW, toH).pixels());
  }

  private RgbImage twoSteps(byte[] content) throws ImageAccessException {
    RgbImage image = decoder.decode(content);
    return Letterbox.apply(image, LetterboxGeometry.of(image.width(), image.height()));
  }

  private static byte[] jpeg(RgbImage image) throws IOException {
    BufferedImage buffered =
        new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        buffered.setRGB(
            x, y, image.sample(x, y, 0) << 16 | image.sample(x, y, 1) << 8 | image.sample(x, y, 2));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(buffered, "jpeg", out);
    return out.toByteArray();
  }
}
