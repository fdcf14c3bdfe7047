package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.results.Detection;
import io.biotrack.worker.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The anchor-free decoding against YOLOv9's own {@code non_max_suppression} and {@code scale_boxes}
 * with MegaDetector's own writing of each detection, as MegaDetector runs them for MDv1000-cedar
 * ({@code worker/scripts/make_anchor_free_fixtures.py}, on seeded random 3-class outputs with
 * clusters of overlapping boxes): the same boxes must be kept, in the same order, with the same
 * float32 values, and written the same.
 */
class AnchorFreeDecodingTest {
  @Test
  void decodesAsYolov9sNonMaxSuppressionAndMegaDetectorWriteIt() throws Exception {
    JsonNode golden =
        new ObjectMapper().readTree(TestData.resource("anchorfree/yolov9-decoding.json").toFile());
    float threshold = (float) golden.path("threshold").asDouble();
    int compared = 0;
    for (JsonNode c : golden.path("cases")) {
      float[] output = new float[c.path("output").size()];
      for (int i = 0; i < output.length; i++) {
        output[i] = (float) c.path("output").get(i).asDouble();
      }
      LetterboxGeometry geometry =
          LetterboxGeometry.of(c.path("width").asInt(), c.path("height").asInt());
      assertThat(geometry.tensorWidth()).isEqualTo(c.path("tensorWidth").asInt());
      assertThat(geometry.tensorHeight()).isEqualTo(c.path("tensorHeight").asInt());

      List<Candidate> kept =
          Nms.classOffset(
              AnchorFreeOutputDecoder.candidates(output, c.path("rows").asInt(), threshold));

      List<List<Float>> expectedKept = new ArrayList<>();
      c.path("kept")
          .forEach(
              row -> {
                List<Float> values = new ArrayList<>();
                row.forEach(v -> values.add((float) v.asDouble()));
                expectedKept.add(values);
              });
      List<List<Float>> actualKept =
          kept.stream()
              .map(k -> List.of(k.x1(), k.y1(), k.x2(), k.y2(), k.conf(), (float) k.classIndex()))
              .toList();
      assertThat(actualKept).isEqualTo(expectedKept);

      List<Detection> detections =
          BoxMapper.toDetections(kept, geometry, threshold, BoxScaling.YOLOV5);
      List<String> expected = new ArrayList<>();
      c.path("detections")
          .forEach(
              d ->
                  expected.add(
                      written(
                          d.path("category").asText(), d.path("conf").asDouble(), d.path("bbox"))));
      List<String> actual =
          detections.stream().map(d -> d.category() + " " + d.conf() + " " + d.bbox()).toList();
      assertThat(actual).isEqualTo(expected);
      compared += actual.size();
    }
    assertThat(compared).isGreaterThan(400);
  }

  private static String written(String category, double conf, JsonNode bbox) {
    List<Double> box = new ArrayList<>();
    bbox.forEach(v -> box.add(v.asDouble()));
    return category + " " + conf + " " + box;
  }
}
