package io.biotrack.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatDetectionsTest {
  private static Detection d(String category, double conf, double x, double y, double w, double h) {
    return new Detection(category, conf, List.of(x, y, w, h));
  }

  @Test
  void aBoxAtTheSamePlaceInTwentyPhotosOfAFolderIsFlaggedAndNotElsewhere() {
    RepeatDetections repeats = new RepeatDetections(RepeatDetections.Options.MEGADETECTOR);
    for (int i = 0; i < 25; i++) {
      String n = String.format("%03d", i);
      // A rock in cam1, jittering a little (IoU well above 0.9), and a real animal moving about.
      double jitter = (i % 3) * 0.002;
      repeats.add(
          ImageResult.success(
              "site/cam1/IMG_" + n + ".JPG",
              List.of(
                  d("1", 0.3 + i * 0.01, 0.40 + jitter, 0.50, 0.10, 0.08),
                  d("1", 0.9, 0.03 * i, 0.1, 0.1, 0.1))));
      // The same rock's box in cam2 only 19 times: not flagged there.
      if (i < 19) {
        repeats.add(
            ImageResult.success(
                "site/cam2/IMG_" + n + ".JPG", List.of(d("1", 0.5, 0.40, 0.50, 0.10, 0.08))));
      }
    }
    List<RepeatDetections.Location> flagged = repeats.flagged();
    assertThat(flagged).hasSize(1);
    RepeatDetections.Location rock = flagged.get(0);
    assertThat(rock.folder()).isEqualTo("site/cam1");
    assertThat(rock.category()).isEqualTo("1");
    assertThat(rock.photos()).isEqualTo(25);
    assertThat(rock.maxConf()).isEqualTo(0.54, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rock.sampleFiles())
        .hasSize(RepeatDetections.SAMPLES)
        .startsWith("site/cam1/IMG_000.JPG");
  }

  @Test
  void lowConfidenceLargeBoxesOtherCategoriesAndFailuresAreNotCounted() {
    RepeatDetections repeats = new RepeatDetections(RepeatDetections.Options.MEGADETECTOR);
    for (int i = 0; i < 30; i++) {
      String file = "cam/" + i + ".jpg";
      List<Detection> ds = new ArrayList<>();
      ds.add(d("1", 0.05, 0.1, 0.1, 0.1, 0.1)); // below confidenceMin
      ds.add(d("1", 0.8, 0.0, 0.0, 0.6, 0.5)); // 30% of the image: an animal close up
      ds.add(d(i % 2 == 0 ? "1" : "2", 0.5, 0.6, 0.6, 0.1, 0.1)); // two categories, 15 each
      repeats.add(ImageResult.success(file, ds));
      repeats.add(ImageResult.failure("cam/f" + i + ".jpg", ImageResult.FAILURE_IMAGE_ACCESS));
    }
    assertThat(repeats.flagged()).isEmpty();
  }

  @Test
  void twoBoxesAtOnePlaceInOnePhotoCountOnceAndNeighbouringGridCellsStillMatch() {
    RepeatDetections repeats = new RepeatDetections(new RepeatDetections.Options(0.1, 0.9, 3, 0.2));
    // Centres either side of a grid line (x = 10/19 with IoU 0.9's 19 cells): the same place.
    repeats.add(
        ImageResult.success(
            "c/1.jpg",
            List.of(d("1", 0.5, 0.474, 0.4, 0.1, 0.1), d("1", 0.4, 0.474, 0.4, 0.1, 0.1))));
    repeats.add(ImageResult.success("c/2.jpg", List.of(d("1", 0.5, 0.478, 0.4, 0.1, 0.1))));
    assertThat(repeats.flagged()).isEmpty();
    repeats.add(ImageResult.success("c/3.jpg", List.of(d("1", 0.5, 0.476, 0.4, 0.1, 0.1))));
    assertThat(repeats.flagged())
        .singleElement()
        .satisfies(l -> assertThat(l.photos()).isEqualTo(3));
  }

  @Test
  void iouOfBoxes() {
    assertThat(RepeatDetections.iou(List.of(0.0, 0.0, 0.5, 0.5), List.of(0.0, 0.0, 0.5, 0.5)))
        .isEqualTo(1.0);
    assertThat(RepeatDetections.iou(List.of(0.0, 0.0, 0.5, 0.5), List.of(0.5, 0.5, 0.5, 0.5)))
        .isZero();
    assertThat(RepeatDetections.iou(List.of(0.0, 0.0, 0.2, 0.1), List.of(0.1, 0.0, 0.2, 0.1)))
        .isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
  }
}
