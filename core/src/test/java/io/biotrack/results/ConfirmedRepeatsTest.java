package io.biotrack.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfirmedRepeatsTest {
  private static final RepeatDetections.Options OPTIONS = RepeatDetections.Options.MEGADETECTOR;

  private static Detection d(String category, double conf, double x, double y, double w, double h) {
    return new Detection(category, conf, List.of(x, y, w, h));
  }

  /** 25 photos of cam1 with a rock at one place and an animal moving about; cam2 with the rock. */
  private static List<ImageResult> season() {
    List<ImageResult> images = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      double jitter = (i % 3) * 0.002;
      images.add(
          ImageResult.success(
              "site/cam1/IMG_" + i + ".JPG",
              List.of(
                  d("1", 0.3 + i * 0.01, 0.40 + jitter, 0.50, 0.10, 0.08),
                  d("1", 0.9, 0.03 * i, 0.1, 0.1, 0.1),
                  d("1", 0.05, 0.40, 0.50, 0.10, 0.08))));
      images.add(
          ImageResult.success(
              "site/cam2/IMG_" + i + ".JPG", List.of(d("1", 0.5, 0.40, 0.50, 0.10, 0.08))));
    }
    return images;
  }

  private static List<RepeatDetections.Location> flagged(List<ImageResult> images) {
    RepeatDetections repeats = new RepeatDetections(OPTIONS);
    images.forEach(repeats::add);
    return repeats.flagged();
  }

  private static RepeatDetections.Location in(
      List<RepeatDetections.Location> flagged, String folder) {
    return flagged.stream().filter(l -> l.folder().equals(folder)).findFirst().orElseThrow();
  }

  @Test
  void aConfirmedGroupDropsEveryDetectionItCountedAndNothingElse() {
    List<ImageResult> images = season();
    List<RepeatDetections.Location> flagged = flagged(images);
    assertThat(flagged).hasSize(2);
    RepeatDetections.Location rock = in(flagged, "site/cam1");
    ConfirmedRepeats confirmed =
        new ConfirmedRepeats(OPTIONS, flagged, Map.of(rock.id(), RepeatDecision.CONFIRMED));
    DetectionFilter filter = new DetectionFilter(0, confirmed);

    assertThat(confirmed.isEmpty()).isFalse();
    for (ImageResult image : images) {
      List<Detection> kept = filter.kept(image);
      if (image.file().startsWith("site/cam1/")) {
        // The animal and the rock's weak detection (below 0.1, which the repeat rule ignores) stay.
        assertThat(kept).extracting(Detection::conf).containsExactlyInAnyOrder(0.9, 0.05);
      } else {
        assertThat(kept).hasSize(1); // the same place in another folder is another group
      }
    }
  }

  @Test
  void theSummaryOfAConfirmedGroupCountsNeitherItsDetectionsNorItsConfidences() {
    List<ImageResult> images = season();
    List<RepeatDetections.Location> flagged = flagged(images);
    ConfirmedRepeats confirmed =
        new ConfirmedRepeats(
            OPTIONS,
            flagged,
            Map.of(
                in(flagged, "site/cam1").id(), RepeatDecision.CONFIRMED,
                in(flagged, "site/cam2").id(), RepeatDecision.CONFIRMED));
    ResultsSummary summary = new ResultsSummary(new DetectionFilter(0.2, confirmed));
    images.forEach(summary::add);

    // Only cam1's moving animal (0.9, 25 photos) is left; cam2's photos are all empty now.
    assertThat(summary.overall().detections()).containsEntry(DetectionCategory.ANIMAL, 25L);
    assertThat(summary.folders().get("site/cam2").empty()).isEqualTo(25);
    List<Long> animal = summary.histograms().get(DetectionCategory.ANIMAL);
    assertThat(animal.get(18)).isEqualTo(25);
    assertThat(animal.stream().mapToLong(Long::longValue).sum())
        .as("cam2's photos have no confidence left to count")
        .isEqualTo(25);
  }

  @Test
  void rejectedAndUndecidedGroupsDropNothing() {
    List<ImageResult> images = season();
    List<RepeatDetections.Location> flagged = flagged(images);
    ConfirmedRepeats none =
        new ConfirmedRepeats(
            OPTIONS, flagged, Map.of(in(flagged, "site/cam1").id(), RepeatDecision.REJECTED));

    assertThat(none.isEmpty()).isTrue();
    DetectionFilter filter = new DetectionFilter(0, none);
    assertThat(images).allSatisfy(i -> assertThat(filter.kept(i)).isEqualTo(i.detections()));
  }

  @Test
  void groupIdsAreTheSameForTheSameFileAndDifferPerPlace() {
    List<RepeatDetections.Location> first = flagged(season());
    List<RepeatDetections.Location> again = flagged(season());

    assertThat(first)
        .extracting(RepeatDetections.Location::id)
        .isEqualTo(again.stream().map(RepeatDetections.Location::id).toList());
    assertThat(first)
        .extracting(RepeatDetections.Location::id)
        .doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[0-9a-f]{16}"));
  }
}
