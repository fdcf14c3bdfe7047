package io.biotrack.species;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.results.BatchResults;
import io.biotrack.results.ClassScore;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsInfo;
import io.biotrack.results.ResultsJson;
import io.biotrack.results.SpeciesPrediction;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SpeciesNet's label, region and geofence rules, and how format 1.6 carries classifications. */
class SpeciesRulesTest {
  private static final SpeciesLabel FOX =
      new SpeciesLabel(
          "cb553c4e-42c9-4fe0-9bd0-da2d6ed5bfa1;mammalia;carnivora;canidae;urocyon;littoralis;island"
              + " fox");

  @Test
  void commonNamesAreMegaDetectorsForEachRank() {
    assertThat(FOX.commonName()).isEqualTo("island fox");
    assertThat(new SpeciesLabel("x;mammalia;carnivora;canidae;vulpes;vulpes;").commonName())
        .isEqualTo("vulpes vulpes");
    assertThat(new SpeciesLabel("x;mammalia;carnivora;canidae;vulpes;;").commonName())
        .isEqualTo("vulpes species");
    assertThat(new SpeciesLabel("x;mammalia;carnivora;canidae;;;").commonName())
        .isEqualTo("canidae family");
    assertThat(new SpeciesLabel("x;mammalia;;;;;").commonName()).isEqualTo("mammalia class");
    assertThat(FOX.taxa()).isEqualTo("mammalia;carnivora;canidae;urocyon;littoralis");
    assertThatThrownBy(() -> new SpeciesLabel("a;b;c")).hasMessageContaining("7 fields");
  }

  @Test
  void regionsAreIsoAlpha3AndUsStates() {
    assertThat(Region.of("ken", null)).isEqualTo(new Region("KEN", null));
    assertThat(Region.of(" ", null)).isEqualTo(Region.NOWHERE);
    assertThat(Region.of("USA", "ca")).isEqualTo(new Region("USA", "CA"));
    assertThatThrownBy(() -> Region.of("US", null)).hasMessageContaining("unknown country \"US\"");
    assertThatThrownBy(() -> Region.of("USA", "ZZ")).hasMessageContaining("unknown US state");
    assertThatThrownBy(() -> Region.of(null, "CA")).hasMessageContaining("needs its country");
  }

  @Test
  void geofenceAllowAndBlockRules() {
    GeofenceRules rules =
        new GeofenceRules(
            Map.of(
                FOX.taxa(),
                new GeofenceRules.Rule(
                    Map.of("USA", List.of("CA"), "MEX", List.of()),
                    Map.of("MEX", List.of("BCN")))));
    assertThat(rules.blocks(FOX, Region.NOWHERE)).as("no country, no geofence").isFalse();
    assertThat(rules.blocks(FOX, new Region("USA", "CA"))).isFalse();
    assertThat(rules.blocks(FOX, new Region("USA", null))).as("state not given").isFalse();
    assertThat(rules.blocks(FOX, new Region("USA", "NY"))).isTrue();
    assertThat(rules.blocks(FOX, new Region("KEN", null))).as("country not allowed").isTrue();
    assertThat(rules.blocks(FOX, new Region("MEX", "BCN"))).as("state blocked").isTrue();
    assertThat(rules.blocks(FOX, new Region("MEX", "SON"))).isFalse();
  }

  @Test
  void classificationsAndPredictionsRoundTripInFormat16() throws Exception {
    Detection d =
        new Detection("1", 0.9, List.of(0.1, 0.2, 0.3, 0.4))
            .withClassifications(List.of(new ClassScore("3", 0.901), new ClassScore("1", 0.071)));
    ImageResult image =
        ImageResult.success("a.jpg", List.of(d))
            .withSpecies(List.of(d), new SpeciesPrediction("3", 0.901, "classifier"));
    BatchResults results =
        new BatchResults(
                List.of(image), Map.of("1", "animal"), new ResultsInfo("t", "1.6", "md", Map.of()))
            .withClassificationCategories(
                Map.of("3", "island fox", "1", "canid"), Map.of("3", FOX.value(), "1", "x"));

    String json = new String(ResultsJson.toBytes(results));
    assertThat(json)
        .contains("\"classifications\": [\n      [\n       \"3\",\n       0.901\n      ]");
    assertThat(json)
        .contains("\"prediction\": \"3\"")
        .contains("\"prediction_source\": \"classifier\"");
    assertThat(json.indexOf("classification_categories")).isLessThan(json.indexOf("\"info\""));
    BatchResults back = ResultsJson.read(new ByteArrayInputStream(json.getBytes()));
    assertThat(back).isEqualTo(results);
    assertThat(back.classificationCategories().keySet()).containsExactly("1", "3");
  }

  @Test
  void categoryIdsComeFromTheLabelsFileThenTheTaxonomy() {
    SpeciesLabel family = new SpeciesLabel("y;mammalia;carnivora;canidae;;;dog family");
    ClassificationCategoryIds ids =
        new ClassificationCategoryIds(List.of(SpeciesLabel.BLANK, FOX), List.of(FOX, family));
    assertThat(ids.id(FOX)).isEqualTo("1");
    assertThat(ids.id(family)).isEqualTo("3");
    assertThat(ids.names(java.util.Set.of("3", "1")))
        .containsExactly(Map.entry("1", "island fox"), Map.entry("3", "dog family"));
  }
}
