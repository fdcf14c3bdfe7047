package io.biotrack.worker.cli;

import io.biotrack.results.BatchResults;
import io.biotrack.results.DetectionCategory;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.worker.batch.ImageItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code detect --previous-results FILE}, as MegaDetector's {@code run_detector_batch
 * --previous_results_file}: the earlier run's entries are matched to this folder's images by
 * relative path, those images are not run again, and every earlier entry ends up in the output
 * unchanged (also those of images no longer in the folder, as MegaDetector does). Like
 * MegaDetector, it refuses a file with absolute paths or other detection categories.
 */
final class PreviousResults {
  private PreviousResults() {}

  /** Reads {@code file} into {@code into}; returns why it cannot be used, or null. */
  static String load(Path file, List<ImageResult> into) {
    BatchResults previous;
    try (InputStream in = Files.newInputStream(file)) {
      previous = ResultsJson.read(in);
    } catch (IOException | RuntimeException e) {
      return "--previous-results " + file + " is not a MegaDetector results file we can read";
    }
    if (previous.images() == null) {
      return "--previous-results " + file + " has no images";
    }
    if (!DetectionCategory.asMap().equals(previous.detectionCategories())) {
      return "--previous-results "
          + file
          + " uses other detection categories ("
          + previous.detectionCategories()
          + "): its results cannot be merged with MegaDetector v5's";
    }
    for (ImageResult image : previous.images()) {
      String name = image.file();
      if (name.startsWith("/")
          || name.contains("\\")
          || (name.length() > 1 && name.charAt(1) == ':')) {
        return "--previous-results "
            + file
            + " names "
            + name
            + ": only results with paths relative to the folder can be reused (detect writes"
            + " them that way)";
      }
    }
    into.addAll(previous.images());
    return null;
  }

  /** "3 of 12 images have previous results in FILE: not run again". */
  static String told(List<ImageItem> items, List<ImageResult> previous, Path file) {
    Set<String> known = new HashSet<>();
    previous.forEach(image -> known.add(image.file()));
    long reused = items.stream().filter(item -> known.contains(item.file())).count();
    return reused + " of " + items.size() + " images have results in " + file + ": not run again";
  }

  /** The run's results plus the previous entries of images it did not have. */
  static List<ImageResult> withGone(List<ImageResult> results, List<ImageResult> previous) {
    Set<String> present = new HashSet<>();
    results.forEach(image -> present.add(image.file()));
    List<ImageResult> all = new ArrayList<>(results);
    for (ImageResult image : previous) {
      if (present.add(image.file())) {
        all.add(image);
      }
    }
    return all;
  }
}
