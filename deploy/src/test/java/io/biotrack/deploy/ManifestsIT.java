package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Rendered;
import io.biotrack.deploy.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated copies are current: the chart's CRDs equal crds/, manifests/ equals a fresh render.
 */
class ManifestsIT {

  @Test
  void manifestsAreUpToDate() {
    Helm.Result check = Helm.script("scripts/render-manifests", "--check");

    assertThat(check.exitCode())
        .as("scripts/render-manifests --check:\n%s", check.output())
        .isZero();
  }

  @Test
  void chartCrdsEqualTheCommittedCrds() throws IOException {
    List<Path> committed = yamlFiles(Repo.crds());
    List<Path> inChart = yamlFiles(Repo.chart().resolve("crds"));

    assertThat(committed).as("crds/ holds the BioJob CRD").isNotEmpty();
    assertThat(inChart.stream().map(Path::getFileName).map(Path::toString))
        .containsExactlyElementsOf(
            committed.stream().map(Path::getFileName).map(Path::toString).toList());
    for (Path crd : committed) {
      assertThat(Repo.chart().resolve("crds").resolve(crd.getFileName()))
          .hasSameBinaryContentAs(crd);
    }
  }

  @Test
  void manifestsHoldTheCrdAndThePlatform() throws IOException {
    Rendered manifests =
        Rendered.parse(Files.readString(Repo.manifests().resolve("biotrack.yaml")));
    JsonNode committedCrd =
        Rendered.parseOne(Files.readString(Repo.crds().resolve("biojobs.biotrack.io-v1.yml")));

    JsonNode crd = manifests.get("CustomResourceDefinition", "biojobs.biotrack.io");
    assertThat(crd).isEqualTo(committedCrd);
    assertThat(crd.at("/spec/group").asText()).isEqualTo("biotrack.io");
    assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("BioJob");
    assertThat(manifests.names())
        .contains(
            "Deployment/biotrack-gateway",
            "Deployment/biotrack-operator",
            "Role/biotrack-operator");
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList();
    }
  }
}
