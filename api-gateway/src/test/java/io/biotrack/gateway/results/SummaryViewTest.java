package io.biotrack.gateway.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.results.ClassificationNames;
import io.biotrack.results.DetectionFilter;
import io.biotrack.results.ImageEntries;
import io.biotrack.results.ResultsSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SummaryViewTest {
  private static SummaryView summary(byte[] json, double threshold) throws IOException {
    ResultsSummary summary = new ResultsSummary(DetectionFilter.atLeast(threshold));
    try (ImageEntries images = ImageEntries.of(new ByteArrayInputStream(json))) {
      images.forEachRemaining(summary::add);
    }
    return SummaryView.of(summary, ClassificationNames.read(new ByteArrayInputStream(json)));
  }

  @Test
  void speciesAreCountedByTheEnsemblesDecisionWithTheirNamesMostPhotosFirst() throws IOException {
    SummaryView view = summary(ExportFixtures.classified(), 0.2);
    assertThat(view.species())
        .containsExactly(
            new SummaryView.SpeciesCount("2", "=evil", "=uuid;;;;;;=evil", 1),
            new SummaryView.SpeciesCount(
                "0", "red fox", "uuid-fox;mammalia;carnivora;canidae;vulpes;vulpes;red fox", 1));
    assertThat(view.speciesBelowThreshold()).isZero();

    // the threshold applies to the decision's score: b.jpg's 0.5 is below 0.6
    SummaryView stricter = summary(ExportFixtures.classified(), 0.6);
    assertThat(stricter.species())
        .extracting(SummaryView.SpeciesCount::name)
        .containsExactly("red fox");
    assertThat(stricter.speciesBelowThreshold()).isEqualTo(1);
  }

  @Test
  void resultsWithoutAClassifierHaveNoSpeciesKeys() throws IOException {
    SummaryView view = summary(ExportFixtures.season(), 0.2);
    assertThat(view.species()).isNull();
    assertThat(view.speciesBelowThreshold()).isNull();
  }
}
