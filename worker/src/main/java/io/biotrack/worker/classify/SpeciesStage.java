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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 *       (MegaDetector's {@code run_md_and_speciesnet}), in batches of {@link #BATCH} crops taken
 *       across consecutive images; it gets {@code classifications}, the top 5 with scores rounded
 *       to 3 digits;
 *   <li>SpeciesNet's ensemble decides for the image from its most confident detection and that
 *       detection's classification; when that detection is below 0.1 its crop is classified for the
 *       ensemble only, and an image without detections is classified whole, as SpeciesNet does.
 * </ul>
 *
 * A detection whose box is empty in pixels, or a batch the classifier fails on, is left
 * unclassified (and logged); the image keeps its detections. Keeps the images whose crops wait for
 * a full batch (only their results and at most a batch of crops, not their pixels): one run at a
 * time, on the model thread.
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

  /** Images taken, in order, until all their crops are classified. */
  private final Deque<Held> held = new ArrayDeque<>();

  /** Crops made but not classified yet, fewer than {@link #BATCH} between calls. */
  private final List<Crop> queue = new ArrayList<>(BATCH);

  /** One image between {@link #add} and its completion. */
  private static final class Held {
    final ImageResult result;
    final int top;
    final Map<Integer, Classifications> byIndex = new HashMap<>();
    int outstanding;

    Held(ImageResult result, int top) {
      this.result = result;
      this.top = top;
    }
  }

  private record Crop(Held owner, int key, byte[] pixels) {}

  /**
   * Takes an image after its detection and makes its crops; crops are classified {@link #BATCH} at
   * a time across images (MegaDetector's batch size; on a 2-core CPU the cost per crop is the same
   * as in batches of 2, on an accelerator a full batch is usually cheaper per crop). Returns the
   * images whose crops are all classified, in the order they were added (possibly none, possibly
   * earlier ones); {@link #flush} completes the rest.
   */
  @Override
  public List<ImageResult> add(ImageResult result, RgbImage image) {
    if (result.failed() || image == null) {
      held.add(new Held(result, -2)); // nothing to classify: completes in its turn
      return drain();
    }
    List<Detection> detections = result.detections();
    int top = topIndex(detections);
    Held h = new Held(result, top);
    held.add(h);
    // Crops to classify: the detections at or above the threshold, and what the ensemble needs
    // (a low top detection, or the whole image, key -1, when there is none).
    List<Integer> keys = new ArrayList<>();
    for (int i = 0; i < detections.size(); i++) {
      if (detections.get(i).conf() >= CLASSIFY_AT_OR_ABOVE) {
        keys.add(i);
      }
    }
    if (top < 0 || detections.get(top).conf() < CLASSIFY_AT_OR_ABOVE) {
      keys.add(top);
    }
    for (int key : keys) {
      byte[] crop = SpeciesCrop.of(image, key < 0 ? WHOLE_IMAGE : detections.get(key).bbox());
      if (crop == null) {
        log.warn("{}: detection {} is empty in pixels, not classified", result.file(), key);
        continue;
      }
      h.outstanding++;
      queue.add(new Crop(h, key, crop));
      if (queue.size() == BATCH) {
        classifyQueue(); // at most a batch of crops waits in memory
      }
    }
    return drain();
  }

  /** Classifies the crops waiting and completes every image taken. */
  @Override
  public List<ImageResult> flush() {
    classifyQueue();
    return drain();
  }

  private void classifyQueue() {
    if (queue.isEmpty()) {
      return;
    }
    try {
      List<Classifications> results =
          classifier.classify(queue.stream().map(Crop::pixels).toList());
      for (int i = 0; i < queue.size(); i++) {
        queue.get(i).owner().byIndex.put(queue.get(i).key(), results.get(i));
      }
    } catch (InferenceException e) {
      queue.stream()
          .map(c -> c.owner().result.file())
          .distinct()
          .forEach(
              file ->
                  log.warn(
                      "{}: classification failed, detections left unclassified ({})",
                      file,
                      e.getMessage()));
    }
    for (Crop crop : queue) {
      crop.owner().outstanding--;
    }
    queue.clear();
  }

  /** The images at the head whose crops are all classified, completed, in order. */
  private List<ImageResult> drain() {
    List<ImageResult> out = new ArrayList<>();
    while (!held.isEmpty() && held.peekFirst().outstanding == 0) {
      out.add(complete(held.pollFirst()));
    }
    return out;
  }

  private ImageResult complete(Held h) {
    if (h.top == -2) {
      return h.result;
    }
    List<Detection> detections = h.result.detections();
    List<Detection> classified = new ArrayList<>(detections.size());
    for (int i = 0; i < detections.size(); i++) {
      Detection d = detections.get(i);
      // A low top detection may have been classified for the decision only: not written.
      Classifications c = d.conf() >= CLASSIFY_AT_OR_ABOVE ? h.byIndex.get(i) : null;
      classified.add(c == null ? d : d.withClassifications(scores(c)));
    }
    Classifications forEnsemble = h.byIndex.get(h.top);
    SpeciesPrediction decision = null;
    if (forEnsemble != null) {
      DetectionCategory category = h.top < 0 ? null : detections.get(h.top).categoryEnum();
      double conf = h.top < 0 ? 0.0 : detections.get(h.top).conf();
      EnsemblePrediction p = ensemble.combine(forEnsemble, category, conf, region);
      decision = new SpeciesPrediction(ids.id(p.label()), round3(p.score()), p.source());
    }
    return h.result.withSpecies(classified, decision);
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
