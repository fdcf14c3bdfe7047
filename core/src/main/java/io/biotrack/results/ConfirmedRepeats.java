package io.biotrack.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The detections of the repeat groups a user confirmed as false positives, which exports leave out.
 * A detection is set aside when the repeat rule would count it at a confirmed group's place: same
 * folder and category, confidence at least {@link RepeatDetections.Options#confidenceMin}, box at
 * most {@link RepeatDetections.Options#maxBoxArea}, and an IoU with the group's box of at least
 * {@link RepeatDetections.Options#iou}. That covers every detection the group counted (each was
 * matched to its box by that IoU), and, in a pass over the file in any order, nothing away from the
 * place, so exports need not remember which photo's box went to which group. As MegaDetector's
 * repeat detection elimination, detections below the minimum confidence stay.
 */
public final class ConfirmedRepeats implements DetectionFilter.SetAside {
  private final RepeatDetections.Options options;
  private final Map<String, List<RepeatDetections.Location>> byFolder = new HashMap<>();

  /**
   * @param flagged the job's flagged groups ({@link RepeatDetections#flagged})
   * @param decisions the users' decisions by group id; only confirmed groups are set aside
   */
  public ConfirmedRepeats(
      RepeatDetections.Options options,
      List<RepeatDetections.Location> flagged,
      Map<String, RepeatDecision> decisions) {
    this.options = options;
    for (RepeatDetections.Location location : flagged) {
      if (decisions.get(location.id()) == RepeatDecision.CONFIRMED) {
        byFolder.computeIfAbsent(location.folder(), f -> new ArrayList<>()).add(location);
      }
    }
  }

  /** True when no group is confirmed: nothing is set aside. */
  public boolean isEmpty() {
    return byFolder.isEmpty();
  }

  @Override
  public boolean contains(String file, Detection detection) {
    List<RepeatDetections.Location> here = byFolder.get(PhotoFolders.of(file));
    if (here == null) {
      return false;
    }
    List<Double> b = detection.bbox();
    if (detection.conf() < options.confidenceMin() || b.get(2) * b.get(3) > options.maxBoxArea()) {
      return false;
    }
    for (RepeatDetections.Location location : here) {
      if (location.category().equals(detection.category())
          && RepeatDetections.iou(location.bbox(), b) >= options.iou()) {
        return true;
      }
    }
    return false;
  }
}
