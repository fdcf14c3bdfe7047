package io.biotrack.worker.classify;

import io.biotrack.results.BatchResults;
import io.biotrack.results.ClassScore;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.species.ClassificationCategoryIds;
import io.biotrack.species.InvalidClassifierException;
import io.biotrack.species.Region;
import io.biotrack.species.SpeciesEnsemble;
import io.biotrack.species.SpeciesNetFolder;
import io.biotrack.species.Taxonomy;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The classification stage of one run, from a SpeciesNet folder and where the camera is: checks
 * everything before any image is read (region, folder, labels against the model's outputs), runs
 * the stage, and adds the classification categories and the classifier's {@code info} to the
 * results.
 */
public final class SpeciesSetup implements AutoCloseable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final SpeciesNetFolder folder;
  private final SpeciesClassifier classifier;
  private final ClassificationCategoryIds ids;
  private final SpeciesStage stage;

  private SpeciesSetup(SpeciesNetFolder folder, SpeciesClassifier classifier, Region region) {
    this.folder = folder;
    this.classifier = classifier;
    this.ids = new ClassificationCategoryIds(folder.labels(), folder.taxonomy());
    this.stage =
        new SpeciesStage(
            classifier,
            new SpeciesEnsemble(Taxonomy.of(folder.taxonomy()), folder.geofence()),
            ids,
            region);
  }

  /**
   * @throws io.biotrack.species.InvalidRegionException for an unknown country or state
   * @throws InvalidClassifierException for a missing or mismatched file, saying which
   */
  public static SpeciesSetup open(
      Path dir, String country, String admin1, Path cacheDir, int threads) {
    Region region = Region.of(country, admin1);
    SpeciesNetFolder folder = SpeciesNetFolder.load(dir);
    return new SpeciesSetup(
        folder,
        SpeciesClassifier.load(folder.classifier(), folder.labels(), cacheDir, threads),
        region);
  }

  public SpeciesStage stage() {
    return stage;
  }

  /** What to tell users while the test classifier runs; null for a real one. */
  public String warning() {
    return folder.testModel()
        ? "TEST CLASSIFIER: species are NOT real. "
            + folder.dir()
            + " is Biotrack's random-weight test"
            + " classifier; pass a SpeciesNet model folder (docs/species.md)"
        : null;
  }

  /**
   * The results with {@code classification_categories}, their descriptions and the classifier's
   * info.
   */
  public BatchResults complete(BatchResults results, LocalDateTime completedAt) {
    Set<String> used = new TreeSet<>();
    for (ImageResult image : results.images()) {
      if (image.prediction() != null) {
        used.add(image.prediction());
      }
      if (image.detections() != null) {
        for (Detection d : image.detections()) {
          if (d.classifications() != null) {
            d.classifications().stream().map(ClassScore::category).forEach(used::add);
          }
        }
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("classifier_version", folder.version());
    metadata.put("classifier_type", SpeciesNetFolder.ALWAYS_CROP);
    metadata.put("classification_threshold", SpeciesStage.CLASSIFY_AT_OR_ABOVE);
    if (folder.testModel()) {
      metadata.put("test_model", true);
    }
    BatchResults withCategories =
        results.withClassificationCategories(ids.names(used), ids.descriptions(used));
    return new BatchResults(
        withCategories.images(),
        withCategories.detectionCategories(),
        withCategories.classificationCategories(),
        withCategories.classificationCategoryDescriptions(),
        results.info().withClassifier(folder.version(), TIME.format(completedAt), metadata));
  }

  @Override
  public void close() {
    classifier.close();
  }
}
