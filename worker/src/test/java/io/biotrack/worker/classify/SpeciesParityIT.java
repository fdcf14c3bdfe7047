package io.biotrack.worker.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.results.DetectionCategory;
import io.biotrack.species.Classifications;
import io.biotrack.species.EnsemblePrediction;
import io.biotrack.species.Region;
import io.biotrack.species.SpeciesEnsemble;
import io.biotrack.species.SpeciesLabel;
import io.biotrack.species.SpeciesNetFolder;
import io.biotrack.species.Taxonomy;
import io.biotrack.worker.TestData;
import io.biotrack.worker.detect.ImageDecoder;
import io.biotrack.worker.detect.RgbImage;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parity with SpeciesNet's own Python code ({@code species-parity/reference.json}, written by
 * {@code make_species_parity.py} with Debian's torch; docs/species.md says what ran there): the
 * same crop bytes (crop, resize, uint8), the same top-5 labels with scores within 1e-4, and the
 * same ensemble decisions, on the sample photos (their test-detector boxes and boxes of our own, in
 * four regions) and on crafted cases for each ensemble rule.
 */
class SpeciesParityIT {
  private static final double SCORE_TOLERANCE = 1e-4;

  /** A row of 480×3 bytes may differ by this much in sum (a few values one level apart). */
  private static final int CROP_ROW_TOLERANCE = 4;

  private static JsonNode reference;
  private static SpeciesNetFolder folder;
  private static SpeciesClassifier classifier;
  private static SpeciesEnsemble ensemble;

  @BeforeAll
  static void load() throws Exception {
    reference =
        new ObjectMapper().readTree(TestData.resource("species-parity/reference.json").toFile());
    folder = SpeciesNetFolder.load(TestData.classifier());
    classifier = SpeciesClassifier.load(folder.classifier(), folder.labels(), null, 2);
    ensemble = new SpeciesEnsemble(Taxonomy.of(folder.taxonomy()), folder.geofence());
  }

  @AfterAll
  static void close() {
    classifier.close();
  }

  @Test
  void cropsScoresAndDecisionsMatchSpeciesNet() throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    Map<String, RgbImage> images = new HashMap<>();
    List<String> problems = new ArrayList<>();
    int crops = 0;
    int identicalCrops = 0;
    int worstRow = 0;
    int decisions = 0;
    double worst = 0;
    for (JsonNode crop : reference.get("crops")) {
      String file = crop.get("file").asText();
      RgbImage image = images.computeIfAbsent(file, f -> decode(decoder, f));
      List<Double> bbox = doubles(crop.get("bbox"));
      byte[] pixels = SpeciesCrop.of(image, bbox);
      String where = file + " " + bbox;
      if (sha256(pixels).equals(crop.get("crop_sha256").asText())) {
        identicalCrops++;
      } else {
        // libtorch computes the resize's source positions in a way float32 arithmetic here does
        // not reproduce bit for bit: a few pixels come out one level apart. Each row's sum shows
        // how many at most.
        int rowOff = maxRowDifference(pixels, crop.get("crop_row_sums"));
        worstRow = Math.max(worstRow, rowOff);
        if (rowOff > CROP_ROW_TOLERANCE) {
          problems.add(where + ": a crop row differs from SpeciesNet's by " + rowOff);
        }
      }
      Classifications got = classifier.classify(List.of(pixels)).get(0);
      List<String> expectedLabels = texts(crop.get("classes"));
      List<Double> expectedScores = doubles(crop.get("scores"));
      if (!got.labels().stream().map(SpeciesLabel::value).toList().equals(expectedLabels)) {
        problems.add(where + ": labels " + got.labels() + ", SpeciesNet " + expectedLabels);
      }
      for (int i = 0; i < expectedScores.size(); i++) {
        double diff = Math.abs(got.scores().get(i) - expectedScores.get(i));
        worst = Math.max(worst, diff);
        if (diff > SCORE_TOLERANCE) {
          problems.add(where + ": score " + i + " off by " + diff);
        }
      }
      for (JsonNode e : crop.get("ensemble")) {
        EnsemblePrediction p =
            ensemble.combine(got, category(e.get("category")), e.get("conf").asDouble(), region(e));
        decisions++;
        compare(where + " in " + region(e), p, e, SCORE_TOLERANCE, problems);
      }
      crops++;
    }
    System.out.printf(
        "SPECIES PARITY: %d crops, %d byte-identical, worst row-sum difference %d; worst score"
            + " difference %.3g; %d ensemble decisions%n",
        crops, identicalCrops, worstRow, worst, decisions);
    assertThat(problems)
        .as("differences from SpeciesNet (worst score difference %s)", worst)
        .isEmpty();
    assertThat(crops).isGreaterThan(100);
    assertThat(decisions).isEqualTo(crops * 4);
  }

  @Test
  void eachEnsembleRuleDecidesAsSpeciesNet() {
    List<String> problems = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (JsonNode c : reference.get("ensemble_cases")) {
      Classifications given =
          new Classifications(
              texts(c.get("classes")).stream().map(SpeciesLabel::new).toList(),
              doubles(c.get("scores")));
      EnsemblePrediction p =
          ensemble.combine(given, category(c.get("category")), c.get("conf").asDouble(), region(c));
      compare(c.get("name").asText(), p, c.get("expected"), 0.0, problems);
      sources.add(p.source());
    }
    assertThat(problems).isEmpty();
    // Every rule is exercised: detector human/vehicle/animal, classifier, geofence, each roll-up.
    assertThat(sources)
        .contains(
            "detector",
            "classifier",
            "classifier+geofence+rollup_to_family",
            "classifier+rollup_to_genus",
            "classifier+rollup_to_family",
            "classifier+rollup_to_order",
            "classifier+rollup_to_class");
  }

  private static void compare(
      String where,
      EnsemblePrediction got,
      JsonNode expected,
      double tolerance,
      List<String> problems) {
    String label = expected.get("prediction").asText();
    String source = expected.get("prediction_source").asText();
    double score = expected.get("prediction_score").asDouble();
    if (!got.label().value().equals(label)
        || !got.source().equals(source)
        || Math.abs(got.score() - score) > tolerance) {
      problems.add(where + ": " + got + ", SpeciesNet " + label + " " + score + " " + source);
    }
  }

  private static Region region(JsonNode node) {
    return Region.of(text(node.get("country")), text(node.get("admin1")));
  }

  private static DetectionCategory category(JsonNode node) {
    String id = text(node);
    return id == null ? null : DetectionCategory.ofId(id);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asDouble()));
    return out;
  }

  private static RgbImage decode(ImageDecoder decoder, String file) {
    try {
      return decoder.decode(Files.readAllBytes(TestData.cameraTraps().resolve(file)));
    } catch (Exception e) {
      throw new IllegalStateException(file, e);
    }
  }

  private static int maxRowDifference(byte[] pixels, JsonNode rowSums) {
    int worst = 0;
    int row = SpeciesCrop.SIZE * 3;
    for (int y = 0; y < SpeciesCrop.SIZE; y++) {
      long sum = 0;
      for (int i = y * row; i < (y + 1) * row; i++) {
        sum += pixels[i] & 0xFF;
      }
      worst = (int) Math.max(worst, Math.abs(sum - rowSums.get(y).asLong()));
    }
    return worst;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
