package io.biotrack.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsSummaryTest {
  private static Detection d(String category, double conf) {
    return new Detection(category, conf, List.of(0.1, 0.1, 0.2, 0.2));
  }

  @Test
  void countsPerCategoryOverallAndPerFolderAndAHistogramOfEachPhotosHighestConfidence() {
    ResultsSummary summary = new ResultsSummary(DetectionFilter.atLeast(0.2));
    summary.add(ImageResult.success("cam1/a.jpg", List.of(d("1", 0.9), d("1", 0.3), d("2", 0.1))));
    summary.add(ImageResult.success("cam1/b.jpg", List.of(d("1", 0.05))));
    summary.add(ImageResult.success("cam2/c.jpg", List.of(d("2", 0.5), d("3", 1.0))));
    summary.add(ImageResult.failure("cam2/d.jpg", ImageResult.FAILURE_IMAGE_ACCESS));
    summary.add(ImageResult.success("top.jpg", List.of()));

    ResultsSummary.Counts all = summary.overall();
    assertThat(all.images()).isEqualTo(5);
    assertThat(all.empty()).isEqualTo(2);
    assertThat(all.failed()).isEqualTo(1);
    assertThat(all.byCategory())
        .containsEntry(DetectionCategory.ANIMAL, 1L)
        .containsEntry(DetectionCategory.PERSON, 1L)
        .containsEntry(DetectionCategory.VEHICLE, 1L);
    assertThat(all.detections()).containsEntry(DetectionCategory.ANIMAL, 2L);

    assertThat(summary.folders()).containsOnlyKeys("cam1", "cam2", "");
    assertThat(summary.folders().get("cam1").images()).isEqualTo(2);
    assertThat(summary.folders().get("cam1").empty()).isEqualTo(1);
    assertThat(summary.folders().get("cam2").failed()).isEqualTo(1);
    assertThat(summary.otherFolders()).isNull();

    // whatever the threshold: a.jpg's animal at 0.9, b.jpg's at 0.05
    List<Long> animal = summary.histograms().get(DetectionCategory.ANIMAL);
    assertThat(animal).hasSize(ResultsSummary.BINS);
    assertThat(animal.get(18)).isEqualTo(1);
    assertThat(animal.get(1)).isEqualTo(1);
    assertThat(animal.stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    assertThat(summary.histograms().get(DetectionCategory.VEHICLE).get(19))
        .isEqualTo(1); // 1.0 in the last bin
    assertThat(summary.histograms().get(DetectionCategory.PERSON).get(2)).isEqualTo(1); // 0.1
  }

  private static ImageResult predicted(String file, String category, double score) {
    ImageResult image = ImageResult.success(file, List.of(d("1", 0.9)));
    return image.withSpecies(
        image.detections(), new SpeciesPrediction(category, score, "classifier"));
  }

  @Test
  void photosAreCountedBySpeciesOfTheEnsemblesDecisionWhenItScoresAtLeastTheThreshold() {
    ResultsSummary summary = new ResultsSummary(DetectionFilter.atLeast(0.5));
    summary.add(predicted("cam1/a.jpg", "7", 0.91));
    summary.add(predicted("cam1/b.jpg", "7", 0.5)); // at the threshold: counted
    summary.add(predicted("cam2/c.jpg", "12", 0.8));
    summary.add(predicted("cam2/d.jpg", "12", 0.3)); // below
    summary.add(ImageResult.success("cam2/e.jpg", List.of())); // no decision (no classifier)
    summary.add(ImageResult.failure("cam2/f.jpg", ImageResult.FAILURE_IMAGE_ACCESS));

    assertThat(summary.species())
        .containsOnly(java.util.Map.entry("7", 2L), java.util.Map.entry("12", 1L));
    assertThat(summary.speciesBelowThreshold()).isEqualTo(1);
  }

  @Test
  void resultsWithoutAClassifierHaveNoSpecies() {
    ResultsSummary summary = new ResultsSummary(DetectionFilter.atLeast(0));
    summary.add(ImageResult.success("a.jpg", List.of(d("1", 0.9))));
    assertThat(summary.species()).isEmpty();
    assertThat(summary.speciesBelowThreshold()).isZero();
  }

  @Test
  void foldersPastTheLimitAreCountedTogether() {
    ResultsSummary summary = new ResultsSummary(DetectionFilter.atLeast(0));
    for (int i = 0; i <= ResultsSummary.MAX_FOLDERS; i++) {
      summary.add(ImageResult.success(String.format("f%05d/a.jpg", i), List.of()));
    }
    assertThat(summary.folders()).hasSize(ResultsSummary.MAX_FOLDERS);
    assertThat(summary.otherFolders().images()).isEqualTo(1);
  }
}
