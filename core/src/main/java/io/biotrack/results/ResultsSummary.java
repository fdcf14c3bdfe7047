package io.biotrack.results;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a job found, counted while its results stream past one image at a time ({@link #add}): per
 * category the photos with a detection kept by the filter and those detections; photos empty and
 * failed; the same per folder ({@link PhotoFolders}); and per category a histogram of the photos by
 * their highest confidence of that category (whatever the threshold: it shows what moving the
 * threshold would change).
 *
 * <p>Per species: the photos by the species ensemble's decision ({@code prediction}), counted where
 * its score is at or above the threshold, by classification category id ({@link #species()}); a
 * photo whose decision scores lower is counted in {@link #speciesBelowThreshold()}. The ensemble
 * decides once per photo, whatever the threshold; the threshold says how sure a decision must be to
 * be counted.
 *
 * <p>Memory is bounded whatever the job's size: at most {@link #MAX_FOLDERS} folders are counted by
 * name (the first met in file-name order), the others together as {@link #otherFolders()}.
 */
public final class ResultsSummary {
  public static final int MAX_FOLDERS = 2_000;

  /** Histogram bins: [0, 0.05), [0.05, 0.1), … [0.95, 1]. */
  public static final int BINS = 20;

  /** Counts of a set of photos. @param byCategory photos with a kept detection of each category */
  public record Counts(
      long images,
      long empty,
      long failed,
      Map<DetectionCategory, Long> byCategory,
      Map<DetectionCategory, Long> detections) {}

  private final DetectionFilter filter;
  private final Tally all = new Tally();
  private final TreeMap<String, Tally> folders = new TreeMap<>();
  private final Tally other = new Tally();
  private final Map<DetectionCategory, long[]> histograms = new EnumMap<>(DetectionCategory.class);
  // Bounded by the classifier's labels (a few thousand), not by the job's size.
  private final Map<String, Long> species = new TreeMap<>();
  private long speciesBelowThreshold;

  public ResultsSummary(DetectionFilter filter) {
    this.filter = filter;
    for (DetectionCategory category : DetectionCategory.values()) {
      histograms.put(category, new long[BINS]);
    }
  }

  public DetectionFilter filter() {
    return filter;
  }

  public void add(ImageResult image) {
    ImageCategories photo = ImageCategories.of(image, filter);
    all.add(photo);
    String folder = PhotoFolders.of(image.file());
    Tally counts = folders.get(folder);
    if (counts == null) {
      if (folders.size() < MAX_FOLDERS) {
        counts = new Tally();
        folders.put(folder, counts);
      } else {
        counts = other;
      }
    }
    counts.add(photo);
    SpeciesPrediction decision = image.speciesPrediction();
    if (decision != null && !image.failed()) {
      if (decision.score() >= filter.threshold()) {
        species.merge(decision.category(), 1L, Long::sum);
      } else {
        speciesBelowThreshold++;
      }
    }
    if (!image.failed()) {
      Map<DetectionCategory, Double> highest = new EnumMap<>(DetectionCategory.class);
      for (Detection d : image.detections()) {
        if (filter.setAside().contains(image.file(), d)) {
          continue;
        }
        DetectionCategory category = category(d.category());
        if (category != null) {
          highest.merge(category, d.conf(), Math::max);
        }
      }
      highest.forEach((category, conf) -> histograms.get(category)[bin(conf)]++);
    }
  }

  public Counts overall() {
    return all.counts();
  }

  /** Folders by name, the first {@link #MAX_FOLDERS} of them. */
  public Map<String, Counts> folders() {
    Map<String, Counts> out = new TreeMap<>();
    folders.forEach((name, tally) -> out.put(name, tally.counts()));
    return out;
  }

  /** The photos of folders past {@link #MAX_FOLDERS}, together; null when there were none. */
  public Counts otherFolders() {
    return other.images == 0 ? null : other.counts();
  }

  /**
   * Photos per classification category id of the ensemble's decision, at or above the threshold;
   * empty for results without a classifier.
   */
  public Map<String, Long> species() {
    return Map.copyOf(species);
  }

  /** Photos with a species decision that scores below the threshold. */
  public long speciesBelowThreshold() {
    return speciesBelowThreshold;
  }

  /** Per category: photos by their highest confidence, in {@link #BINS} bins of 0.05. */
  public Map<DetectionCategory, List<Long>> histograms() {
    Map<DetectionCategory, List<Long>> out = new EnumMap<>(DetectionCategory.class);
    histograms.forEach(
        (category, bins) -> {
          List<Long> values = new ArrayList<>(BINS);
          for (long n : bins) {
            values.add(n);
          }
          out.put(category, List.copyOf(values));
        });
    return out;
  }

  static int bin(double conf) {
    return Math.max(0, Math.min(BINS - 1, (int) Math.floor(conf * BINS)));
  }

  private static DetectionCategory category(String id) {
    for (DetectionCategory c : DetectionCategory.values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }

  private static final class Tally {
    long images;
    long empty;
    long failed;
    final long[] withCategory = new long[DetectionCategory.values().length];
    final long[] detections = new long[DetectionCategory.values().length];

    void add(ImageCategories photo) {
      images++;
      if (photo.failed()) {
        failed++;
        return;
      }
      if (photo.found().isEmpty()) {
        empty++;
      }
      for (DetectionCategory category : photo.found()) {
        withCategory[category.ordinal()]++;
        detections[category.ordinal()] += photo.count(category);
      }
    }

    Counts counts() {
      Map<DetectionCategory, Long> byCategory = new EnumMap<>(DetectionCategory.class);
      Map<DetectionCategory, Long> found = new EnumMap<>(DetectionCategory.class);
      for (DetectionCategory category : DetectionCategory.values()) {
        byCategory.put(category, withCategory[category.ordinal()]);
        found.put(category, detections[category.ordinal()]);
      }
      return new Counts(images, empty, failed, byCategory, found);
    }
  }
}
