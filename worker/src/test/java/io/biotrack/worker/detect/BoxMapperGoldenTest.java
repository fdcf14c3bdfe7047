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
 * Issue 14's sub-pixel residual: boxes whose corners land on (or one float step beside) a
 * half-pixel tie in the original image, mapped by MegaDetector's own steps in torch ({@code
 * worker/scripts/make_box_fixtures.py}: float32 scale_coords, round half to even, division by the
 * int64 shape tensor) and by {@link BoxMapper}: every box must come out the same.
 */
class BoxMapperGoldenTest {
  @Test
  void subPixelBoxesRoundLikeMegaDetectorsFloat32ScaleCoords() throws Exception {
    JsonNode golden =
        new ObjectMapper().readTree(TestData.resource("boxes/scale-coords.json").toFile());
    List<String> differences = new ArrayList<>();
    int compared = 0;
    for (JsonNode c : golden.path("cases")) {
      LetterboxGeometry geometry =
          LetterboxGeometry.of(c.path("width").asInt(), c.path("height").asInt());
      for (int i = 0; i < c.path("boxes").size(); i++) {
        JsonNode b = c.path("boxes").get(i);
        Candidate candidate =
            new Candidate(
                (float) b.get(0).asDouble(),
                (float) b.get(1).asDouble(),
                (float) b.get(2).asDouble(),
                (float) b.get(3).asDouble(),
                0.9f,
                0,
                i);
        Detection d = BoxMapper.toDetections(List.of(candidate), geometry, 0.005f).get(0);
        List<Double> expected = new ArrayList<>();
        c.path("bboxes").get(i).forEach(v -> expected.add(v.asDouble()));
        compared++;
        if (!d.bbox().equals(expected)) {
          differences.add(
              c.path("width")
                  + "x"
                  + c.path("height")
                  + " "
                  + b
                  + ": "
                  + d.bbox()
                  + " vs "
                  + expected);
        }
      }
    }
    assertThat(compared).isGreaterThan(1000);
    assertThat(differences).isEmpty();
  }
}
