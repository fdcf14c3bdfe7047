package io.biotrack.gateway.results;

import io.biotrack.results.BatchResults;
import io.biotrack.results.ClassScore;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsInfo;
import io.biotrack.results.ResultsJson;
import io.biotrack.results.SpeciesPrediction;
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

  /** Classification category 0 a fox, 1 a genus (no common name), 2 a label like a formula. */
  static final Map<String, String> SPECIES_NAMES =
      Map.of("0", "red fox", "1", "vulpes species", "2", "=evil");

  static final Map<String, String> SPECIES_DESCRIPTIONS =
      Map.of(
          "0", "uuid-fox;mammalia;carnivora;canidae;vulpes;vulpes;red fox",
          "1", "uuid-vulpes;mammalia;carnivora;canidae;vulpes;;",
          "2", "=uuid;;;;;;=evil");

  /** A classified season: a fox (0.91) and a genus guess on one photo, a formula-like label. */
  static byte[] classified() throws IOException {
    BatchResults results =
        BatchResults.of(
                List.of(
                    predicted(
                        ImageResult.success(
                            "cam1/a.jpg",
                            List.of(
                                d("1", 0.9)
                                    .withClassifications(
                                        List.of(
                                            new ClassScore("0", 0.91), new ClassScore("1", 0.05))),
                                d("1", 0.4).withClassifications(List.of(new ClassScore("1", 0.7))),
                                d("2", 0.05))),
                        "0",
                        0.91),
                    predicted(ImageResult.success("cam1/b.jpg", List.of(d("1", 0.3))), "2", 0.5),
                    ImageResult.success("cam1/c.jpg", List.of())),
                new ResultsInfo("2026-01-01 00:00:00", "1.6", "md_v5a.0.0.pt", Map.of()))
            .withClassificationCategories(SPECIES_NAMES, SPECIES_DESCRIPTIONS);
    return ResultsJson.toBytes(results);
  }

  static ImageResult predicted(ImageResult image, String category, double score) {
    return image.withSpecies(
        image.detections(), new SpeciesPrediction(category, score, "classifier"));
  }

  static byte[] season() throws IOException {
    return json(
        ImageResult.success(
            "site A/cam1/IMG_0001.JPG", List.of(d("1", 0.912), d("1", 0.3), d("2", 0.1))),
        ImageResult.success("site A/cam1/IMG_0002.JPG", List.of(d("3", 0.05))),
        ImageResult.success("site A/cam2/=SUM(1,2).jpg", List.of(d("2", 0.8), d("1", 0.6))),
        ImageResult.failure("top.jpg", ImageResult.FAILURE_IMAGE_ACCESS));
  }
}
