package io.biotrack.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageCategoriesTest {
  private static Detection d(String category, double conf) {
    return new Detection(category, conf, List.of(0.1, 0.1, 0.2, 0.2));
  }

  @Test
  void theFolderNamesTheCategoriesAtOrAboveTheThresholdInMegaDetectorsOrder() {
    ImageResult image =
        ImageResult.success(
            "cam1/a.jpg", List.of(d("3", 0.6), d("1", 0.2), d("1", 0.9), d("2", 0.19)));

    ImageCategories at = ImageCategories.of(image, 0.2);
    assertThat(at.folder()).isEqualTo("animal_vehicle");
    assertThat(at.count(DetectionCategory.ANIMAL)).isEqualTo(2);
    assertThat(at.maxConf(DetectionCategory.ANIMAL)).isEqualTo(0.9);
    assertThat(at.count(DetectionCategory.PERSON)).isZero();
    assertThat(at.maxConf(DetectionCategory.PERSON)).isNull();

    assertThat(ImageCategories.of(image, 0.1).folder()).isEqualTo("animal_person_vehicle");
    assertThat(ImageCategories.of(image, 0.7).folder()).isEqualTo("animal");
    assertThat(ImageCategories.of(image, 0.95).folder()).isEqualTo("empty");
  }

  @Test
  void aFailureHasItsOwnFolderAndAnUnknownCategoryCountsForNothing() {
    assertThat(
            ImageCategories.of(ImageResult.failure("x.jpg", ImageResult.FAILURE_INFERENCE), 0)
                .folder())
        .isEqualTo("processing_failure");
    ImageCategories unknown =
        ImageCategories.of(ImageResult.success("y.jpg", List.of(d("7", 0.9))), 0.1);
    assertThat(unknown.folder()).isEqualTo("empty");
  }

  @Test
  void setAsideDetectionsAreLeftOutWhateverTheirConfidence() {
    Detection rock = d("1", 0.95);
    ImageResult image = ImageResult.success("cam1/a.jpg", List.of(rock, d("2", 0.5)));
    DetectionFilter filter = new DetectionFilter(0.2, (file, det) -> det.equals(rock));
    assertThat(ImageCategories.of(image, filter).folder()).isEqualTo("person");
  }
}
