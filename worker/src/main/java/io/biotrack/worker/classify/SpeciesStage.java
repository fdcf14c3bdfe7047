package io.biotrack.worker.classify;

import io.biotrack.results.ClassScore;
import io.biotrack.results.Detection;
import io.biotrack.results.DetectionCategory;
import io.biotrack.results.ImageResult;
import io.biotrack.results.SpeciesPrediction;
import io.biotrack.species.ClassificationCategoryIds;
import io.biotrack.species.Classifications;
import io.biotrack.species.EnsemblePrediction;
import io.biotrack.species.Region;
import io.biotrack.species.SpeciesEnsemble;
import io.biotrack.worker.batch.AfterDetection;
import io.biotrack.worker.detect.InferenceException;
import io.biotrack.worker.detect.RgbImage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classification stage after detection, for one image (docs/species.md):
 *
 * <ul>
 *   <li>every detection with confidence at least 0.1, of any category, is cropped and classified
 *       (MegaDetector's {@code run_md_and_speciesnet}), in batches of {@link #BATCH}; it gets
 *       {@code classifications}, the top 5 with scores rounded to 3 digits;
 *   <li>SpeciesNet's ensemble decides for the image from its most confident detection and that
 *       detection's classification; when that detection is below 0.1 its crop is classified for the
 *       ensemble only, and an image without detections is classified whole, as SpeciesNet does.
 * </ul>
 *
 * A detection whose box is empty in pixels, or a batch the classifier fails on, is left
 * unclassified (and logged); the image keeps its detections.
 */
public final class SpeciesStage implements AfterDetection {
  /** MegaDetector's {@code DEFAULT_DETECTION_CONFIDENCE_THRESHOLD_FOR_CLASSIFICATION}. */
  public static final double CLASSIFY_AT_OR_ABOVE = 0.1;

  /** MegaDetector's {@code DEFAULT_CLASSIFIER_BATCH_SIZE}. */
  public static final int BATCH = 8;

  private static final List<Double> WHOLE_IMAGE = List.of(0.0, 0.0, 1.0, 1.0);
  private static final Logger log = LoggerFactory.getLogger(SpeciesStage.class);

  private final SpeciesClassifier classifier;
  private final SpeciesEnsemble ensemble;
  private final ClassificationCategoryIds ids;
  private final Region region;

  public SpeciesStage(
      SpeciesClassifier classifier,
      SpeciesEnsemble ensemble,
      ClassificationCategoryIds ids,
      Region region) {
    this.classifier = classifier;
    this.ensemble = ensemble;
    this.ids = ids;
    this.region = region;
  }

  @Override
  public ImageResult apply(ImageResult result, RgbImage image) {
    if (result.failed() || image == null) {
      return result;
    }
    List<Detection> detections = result.detections();
    int top = topIndex(detections);
    // Crops to classify: the detections at or above the threshold, and what the ensemble needs.
    List<Integer> wanted = new ArrayList<>();
    for (int i = 0; i < detections.size(); i++) {
      if (detections.get(i).conf() >= CLASSIFY_AT_OR_ABOVE) {
        wanted.add(i);
      }
    }
    boolean topExtra = top < 0 || detections.get(top).conf() < CLASSIFY_AT_OR_ABOVE;
    Map<Integer, Classifications> byIndex =
        classifyAll(result.file(), image, detections, wanted, top, topExtra);

    List<Detection> classified = new ArrayList<>(detections.size());
    for (int i = 0; i < detections.size(); i++) {
      Detection d = detections.get(i);
      // A low top detection may have been classified for the decision only: not written.
      Classifications c = d.conf() >= CLASSIFY_AT_OR_ABOVE ? byIndex.get(i) : null;
      classified.add(c == null ? d : d.withClassifications(scores(c)));
    }
    Classifications forEnsemble = byIndex.get(top);
    SpeciesPrediction decision = null;
    if (forEnsemble != null) {
      DetectionCategory category = top < 0 ? null : detections.get(top).categoryEnum();
      double conf = top < 0 ? 0.0 : detections.get(top).conf();
      EnsemblePrediction p = ensemble.combine(forEnsemble, category, conf, region);
      decision = new SpeciesPrediction(ids.id(p.label()), round3(p.score()), p.source());
    }
    return result.withSpecies(classified, decision);
  }

  /**
   * A result without the ensemble's decision was saved by a run without classification (or its
   * classification failed): a resumed run classifies it from its saved detections. Every image this
   * stage classifies gets a decision (its top detection, or the whole image, is always classified).
   */
  @Override
  public boolean pending(ImageResult done) {
    return !done.failed() && done.prediction() == null;
  }

  /**
   * Classifies the wanted detections and, if {@code topExtra}, the top one (or the whole image, key
   * -1) as well; crops are made and classified a batch at a time so at most {@link #BATCH} wait in
   * memory.
   */
  private Map<Integer, Classifications> classifyAll(
      String file,
      RgbImage image,
      List<Detection> detections,
      List<Integer> wanted,
      int top,
      boolean topExtra) {
    List<Integer> keys = new ArrayList<>(wanted);
    if (topExtra) {
      keys.add(top);
    }
    Map<Integer, Classifications> out = new HashMap<>();
    for (int from = 0; from < keys.size(); from += BATCH) {
      List<Integer> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH));
      List<Integer> cropped = new ArrayList<>();
      List<byte[]> crops = new ArrayList<>();
      for (int key : chunk) {
        byte[] crop = SpeciesCrop.of(image, key < 0 ? WHOLE_IMAGE : detections.get(key).bbox());
        if (crop == null) {
          log.warn("{}: detection {} is empty in pixels, not classified", file, key);
          continue;
        }
        cropped.add(key);
        crops.add(crop);
      }
      if (crops.isEmpty()) {
        continue;
      }
      try {
        List<Classifications> results = classifier.classify(crops);
        for (int i = 0; i < cropped.size(); i++) {
          out.put(cropped.get(i), results.get(i));
        }
      } catch (InferenceException e) {
        log.warn(
            "{}: classification failed, detections left unclassified ({})", file, e.getMessage());
      }
    }
    return out;
  }

  /** The most confident detection (the first of equals), -1 when there is none. */
  static int topIndex(List<Detection> detections) {
    int best = -1;
    for (int i = 0; i < detections.size(); i++) {
      if (best < 0 || detections.get(i).conf() > detections.get(best).conf()) {
        best = i;
      }
    }
    return best;
  }

  private List<ClassScore> scores(Classifications c) {
    List<ClassScore> out = new ArrayList<>(c.labels().size());
    for (int i = 0; i < c.labels().size(); i++) {
      out.add(new ClassScore(ids.id(c.labels().get(i)), round3(c.scores().get(i))));
    }
    return out;
  }

  /**
   * Python's {@code round(x, 3)} (MegaDetector's {@code round_float}): half-even on the exact
   * value.
   */
  static double round3(double x) {
    return new BigDecimal(x).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
  }
}
