package io.biotrack.gateway.results;

import io.biotrack.results.BatchResults;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsInfo;
import io.biotrack.results.ResultsJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A small results file for the export writers' tests: folders, a formula-like name, a failure. */
final class ExportFixtures {
  private ExportFixtures() {}

  static Detection d(String category, double conf) {
    return new Detection(category, conf, List.of(0.1, 0.2, 0.3, 0.4));
  }

  static byte[] json(ImageResult... images) throws IOException {
    return ResultsJson.toBytes(
        BatchResults.of(
            List.of(images),
            new ResultsInfo("2026-01-01 00:00:00", "1.6", "md_v5a.0.0.pt", Map.of())));
  }

  static byte[] season() throws IOException {
    return json(
        ImageResult.success("site A/cam1/IMG_0001.JPG", List.of(d("1", 0.912), d("1", 0.3), d("2", 0.1))),
        ImageResult.success("site A/cam1/IMG_0002.JPG", List.of(d("3", 0.05))),
        ImageResult.success("site A/cam2/=SUM(1,2).jpg", List.of(d("2", 0.8), d("1", 0.6))),
        ImageResult.failure("top.jpg", ImageResult.FAILURE_IMAGE_ACCESS));
  }
}
