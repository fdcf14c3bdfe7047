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
    assertThat(summary.histograms().get(DetectionCategory.VEHICLE).get(19)).isEqualTo(1); // 1.0 in the last bin
    assertThat(summary.histograms().get(DetectionCategory.PERSON).get(2)).isEqualTo(1); // 0.1
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
