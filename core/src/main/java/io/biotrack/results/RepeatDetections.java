package io.biotrack.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Detections that repeat at the same place across many photos of one folder (camera or site): a
 * rock, a branch or a post the detector takes for an animal in hundreds of photos. The idea is
 * MegaDetector's repeat detection elimination ({@code repeat_detections_core}), with its defaults:
 * per leaf folder ({@link PhotoFolders}), detections of one category with confidence at least
 * {@link Options#confidenceMin} and a box of at most {@link Options#maxBoxArea} of the image are
 * grouped with the first location they overlap by an IoU of at least {@link Options#iou}; a
 * location seen in at least {@link Options#occurrences} photos is flagged. It only flags: what to
 * do with a flagged location is for a person to decide.
 *
 * <p>Fed one image at a time ({@link #add}). Locations are kept per folder in a coarse grid by
 * their box's centre, so a detection is compared with the locations near it only (MegaDetector uses
 * a quadtree for the same reason); memory grows with the distinct locations, not the photos.
 */
public final class RepeatDetections {
  /** MegaDetector's {@code RepeatDetectionOptions} defaults. */
  public record Options(double confidenceMin, double iou, int occurrences, double maxBoxArea) {
    public static final Options MEGADETECTOR = new Options(0.1, 0.9, 20, 0.2);

    public Options {
      if (!(confidenceMin >= 0 && confidenceMin <= 1)
          || !(iou > 0 && iou <= 1)
          || occurrences < 2
          || !(maxBoxArea > 0 && maxBoxArea <= 1)) {
        throw new IllegalArgumentException("repeat detection options out of range");
      }
    }
  }

  /**
   * A flagged location: its id, folder, category, the box of its first detection, the photos it is
   * in (count, and the first {@link #SAMPLES} names), and the highest confidence seen there.
   *
   * @param id {@link #idOf} its folder, category and box: the same for the same results file, since
   *     a pass over one file always finds the same first detection of each location
   */
  public record Location(
      String id,
      String folder,
      String category,
      List<Double> bbox,
      int photos,
      double maxConf,
      List<String> sampleFiles) {}

  public static final int SAMPLES = 10;
  private final Options options;

  /**
   * Grid cells per side. Two boxes with an IoU of at least {@code iou} have centres at most {@code
   * (1 - iou) / (1 + iou)} of the image apart along each axis (the most for a box as wide as the
   * image), so with cells at least that wide a match is in the same or a neighbouring cell.
   */
  private final int gridSize;

  private final Map<String, Map<Integer, List<Candidate>>> folders = new TreeMap<>();

  public RepeatDetections(Options options) {
    this.options = options;
    this.gridSize =
        (int)
            Math.max(
                1, Math.min(20, Math.floor((1 + options.iou()) / (1 - options.iou() + 1e-12))));
  }

  public void add(ImageResult image) {
    if (image.failed()) {
      return;
    }
    Map<Integer, List<Candidate>> grid =
        folders.computeIfAbsent(PhotoFolders.of(image.file()), f -> new HashMap<>());
    for (Detection d : image.detections()) {
      List<Double> b = d.bbox();
      if (d.conf() < options.confidenceMin() || b.get(2) * b.get(3) > options.maxBoxArea()) {
        continue;
      }
      Candidate match = nearest(grid, d);
      if (match == null) {
        Candidate created = new Candidate(d);
        grid.computeIfAbsent(key(column(b), row(b)), c -> new ArrayList<>()).add(created);
        match = created;
      }
      match.seen(image.file(), d.conf());
    }
  }

  /** The flagged locations, by folder, then by photos (most first). */
  public List<Location> flagged() {
    List<Location> found = new ArrayList<>();
    folders.forEach(
        (folder, grid) -> {
          List<Location> here = new ArrayList<>();
          for (List<Candidate> cell : grid.values()) {
            for (Candidate c : cell) {
              if (c.photos >= options.occurrences()) {
                here.add(
                    new Location(
                        idOf(folder, c.category, c.bbox),
                        folder,
                        c.category,
                        c.bbox,
                        c.photos,
                        c.maxConf,
                        List.copyOf(c.samples)));
              }
            }
          }
          here.sort(
              Comparator.comparingInt(Location::photos)
                  .reversed()
                  .thenComparing(l -> l.bbox().get(0)));
          found.addAll(here);
        });
    return found;
  }

  private Candidate nearest(Map<Integer, List<Candidate>> grid, Detection d) {
    int cx = column(d.bbox());
    int cy = row(d.bbox());
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        List<Candidate> cell = grid.get(key(cx + dx, cy + dy));
        if (cell == null) {
          continue;
        }
        for (Candidate c : cell) {
          if (c.category.equals(d.category()) && iou(c.bbox, d.bbox()) >= options.iou()) {
            return c;
          }
        }
      }
    }
    return null;
  }

  private int column(List<Double> b) {
    return (int)
        Math.min(gridSize - 1, Math.max(0, Math.floor((b.get(0) + b.get(2) / 2) * gridSize)));
  }

  private int row(List<Double> b) {
    return (int)
        Math.min(gridSize - 1, Math.max(0, Math.floor((b.get(1) + b.get(3) / 2) * gridSize)));
  }

  /** A cell's key; neighbours past the edges get keys of their own, never another cell's. */
  private int key(int column, int row) {
    return (row + 1) * (gridSize + 2) + column + 1;
  }

  /**
   * A location's id: 16 hex digits of the SHA-256 of its folder, category and first box. Two
   * locations of one folder and category never share a first box (the second would have matched the
   * first), so ids are unique within a job.
   */
  static String idOf(String folder, String category, List<Double> bbox) {
    StringBuilder key = new StringBuilder(folder).append('\n').append(category);
    for (Double v : bbox) {
      key.append('\n').append(v);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Intersection over union of two {@code [x, y, w, h]} boxes. */
  static double iou(List<Double> a, List<Double> b) {
    double x1 = Math.max(a.get(0), b.get(0));
    double y1 = Math.max(a.get(1), b.get(1));
    double x2 = Math.min(a.get(0) + a.get(2), b.get(0) + b.get(2));
    double y2 = Math.min(a.get(1) + a.get(3), b.get(1) + b.get(3));
    double inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
    double union = a.get(2) * a.get(3) + b.get(2) * b.get(3) - inter;
    return union <= 0 ? 0 : inter / union;
  }

  /** One location of a folder while the photos go past. */
  private static final class Candidate {
    final String category;
    final List<Double> bbox;
    int photos;
    double maxConf;
    String lastFile;
    final List<String> samples = new ArrayList<>();

    Candidate(Detection first) {
      this.category = first.category();
      this.bbox = first.bbox();
    }

    void seen(String file, double conf) {
      maxConf = Math.max(maxConf, conf);
      if (file.equals(lastFile)) {
        return; // two boxes of one photo at one place count once
      }
      lastFile = file;
      photos++;
      if (samples.size() < SAMPLES) {
        samples.add(file);
      }
    }
  }
}
