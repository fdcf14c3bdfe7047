package io.biotrack.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultsJsonTest {

  /** The spec §7 example plus a non-ASCII name, as Python's json.dump(indent=1) wrote it. */
  private static BatchResults example() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(
        "url", "https://github.com/agentmorris/MegaDetector/releases/download/v5.0/md_v5a.0.1.pt");
    metadata.put("typical_detection_threshold", 0.2);
    metadata.put("conservative_detection_threshold", 0.05);
    metadata.put("image_size", 1280);
    metadata.put("model_type", "yolov5");
    metadata.put("normalized_typical_inference_speed", 1.0);
    metadata.put("md5", "60f8e7ec1308554df258ed1f4040bc4f");
    metadata.put("megadetector_version", "v5a.0.1");
    ResultsInfo info =
        new ResultsInfo(
            "2026-11-25 17:11:35", ResultsInfo.FORMAT_VERSION, "md_v5a.0.0.pt", metadata);
    // Given out of order and with max_detection_conf, as a checkpoint holds them.
    return BatchResults.of(
        List.of(
            new ImageResult(
                "cam2/\u00e9t\u00e9 \u2014 \uD83E\uDD8A.jpg",
                null,
                List.of(new Detection("3", 1.0, List.of(0.0, 0.0001, 0.00001, 0.9999))),
                1.0),
            ImageResult.failure("cam1/bad.jpg", ImageResult.FAILURE_IMAGE_ACCESS),
            new ImageResult(
                "cam1/IMG_0002.JPG",
                null,
                List.of(
                    new Detection("1", 0.927, List.of(0.4443, 0.2903, 0.1556, 0.2173)),
                    new Detection("2", 0.052, List.of(0.1, 0.2, 0.05, 0.1))),
                0.927),
            ImageResult.success("cam1/IMG_0001.JPG", List.of())),
        info);
  }

  private static String expected() throws IOException {
    try (InputStream in = ResultsJsonTest.class.getResourceAsStream("/results/md-example.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void writesExactlyWhatMegaDetectorWrites() throws IOException {
    String written = new String(ResultsJson.toBytes(example()), StandardCharsets.UTF_8);
    assertThat(written).isEqualTo(expected());
  }

  @Test
  void theOutputIsAsciiWithPythonsLowerCaseEscapes() {
    String written = new String(ResultsJson.toBytes(example()), StandardCharsets.UTF_8);
    assertThat(written.chars()).allMatch(c -> c < 128);
    assertThat(written).contains("\\u00e9t\\u00e9 \\u2014 \\ud83e\\udd8a.jpg");
  }

  @Test
  void successesHaveNoFailureKeyAndFailuresHaveNullDetections() {
    String written = new String(ResultsJson.toBytes(example()), StandardCharsets.UTF_8);
    assertThat(written)
        .contains("\"file\": \"cam1/IMG_0001.JPG\",\n   \"detections\": []")
        .contains(
            "\"file\": \"cam1/bad.jpg\",\n   \"failure\": \"image access failure\",\n"
                + "   \"detections\": null")
        .doesNotContain("max_detection_conf")
        .contains("\"category\": \"1\"");
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    BatchResults original = example();
    BatchResults read = ResultsJson.read(new ByteArrayInputStream(ResultsJson.toBytes(original)));
    assertThat(read.images()).isEqualTo(original.images());
    assertThat(read.detectionCategories())
        .containsExactly(
            Map.entry("1", "animal"), Map.entry("2", "person"), Map.entry("3", "vehicle"));
    assertThat(read.info().formatVersion()).isEqualTo("1.6");
  }

  @Test
  void checkpointsKeepMaxDetectionConf() throws IOException {
    ImageResult withMax =
        new ImageResult(
            "a.jpg", null, List.of(new Detection("1", 0.5, List.of(0.1, 0.1, 0.1, 0.1))), 0.5);
    String json = new String(ResultsJson.toBytes(withMax), StandardCharsets.UTF_8);
    assertThat(json).contains("\"max_detection_conf\": 0.5");
    assertThat(ResultsJson.read(new ByteArrayInputStream(json.getBytes()), ImageResult.class))
        .isEqualTo(withMax);
  }

  @Test
  void imagesAreSortedByCodePointLikePython() {
    // U+FF21 (fullwidth A) sorts before U+1F98A in code points but after it in UTF-16 units.
    BatchResults results =
        BatchResults.of(
            List.of(
                ImageResult.success("\uD83E\uDD8A.jpg", List.of()),
                ImageResult.success("\uFF21.jpg", List.of()),
                ImageResult.success("B.jpg", List.of())),
            new ResultsInfo(null, "1.6", null, null));
    assertThat(results.images())
        .extracting(ImageResult::file)
        .containsExactly("B.jpg", "\uFF21.jpg", "\uD83E\uDD8A.jpg");
  }

  @ParameterizedTest
  @CsvSource({
    "0.0, 0.0",
    "1.0, 1.0",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "0.000015, 1.5e-05",
    "0.927, 0.927",
    "0.9999, 0.9999",
    "0.1, 0.1",
    "1280.0, 1280.0",
    "123456789012345.0, 123456789012345.0",
    "1e16, 1e+16",
    "3.949634040007439e16, 3.949634040007439e+16",
    "-0.5, -0.5",
    "-0.0, -0.0",
    "0.30000000000000004, 0.30000000000000004",
  })
  void floatsAreWrittenAsPythonRepr(double value, String python) {
    assertThat(ResultsJson.pythonFloat(value)).isEqualTo(python);
  }

  @Test
  void everyThreeAndFourDecimalValueMatchesPythonRepr() {
    // MegaDetector truncates conf to 3 and bbox to 4 decimals: floor(x * 10^d) / 10^d.
    for (int k = 0; k <= 10_000; k++) {
      String repr = ResultsJson.pythonFloat(k / 10_000.0);
      assertThat(repr).doesNotContain("E").contains(".");
      assertThat(Double.parseDouble(repr)).isEqualTo(k / 10_000.0);
      assertThat(repr).as("no padding zeros").matches("0\\.0|1\\.0|0\\.\\d*[1-9]");
    }
  }

  @Test
  void nonFiniteNumbersAreRefused() {
    assertThatThrownBy(() -> ResultsJson.pythonFloat(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResultsJson.pythonFloat(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anImageHasDetectionsOrAFailureNeverBoth() {
    assertThatThrownBy(() -> new ImageResult("a.jpg", "x", List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImageResult("a.jpg", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Detection("1", 0.5, List.of(0.1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DetectionCategory.ofClassIndex(0)).isEqualTo(DetectionCategory.ANIMAL);
    assertThat(DetectionCategory.ofClassIndex(2).id()).isEqualTo("3");
  }
}
