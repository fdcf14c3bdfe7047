package io.biotrack.operator.biojob;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD in {@code crds/} is the one the build generates from the BioJob classes. */
class CommittedCrdTest {
  static final String FILE = "biojobs.biotrack.io-v1.yml";

  @Test
  void theCommittedCrdMatchesTheGeneratedOne() throws IOException {
    String generated;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + FILE)) {
      assertThat(in).as("the build generates the CRD into target/classes").isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path committed = Path.of("..", "crds", FILE);
    assertThat(committed).exists();
    assertThat(Files.readString(committed))
        .as(
            "crds/%s is out of date: run ./mvnw -pl operator -am process-test-classes"
                + " -Pupdate-crds",
            FILE)
        .isEqualTo(generated);
  }

  @Test
  void theCrdDescribesBioJobsAsTheContractSays() throws IOException {
    String crd = Files.readString(Path.of("..", "crds", FILE));
    assertThat(crd)
        .contains("group: \"biotrack.io\"", "kind: \"BioJob\"", "plural: \"biojobs\"", "- \"bj\"")
        .contains("name: \"v1alpha1\"", "scope: \"Namespaced\"", "status: {}")
        .contains("- \"aci\"", "- \"virtual-node\"", "- \"kubernetes\"", "- \"local\"");
  }

  @Test
  void kubectlShowsTheColumnsInTheContractsOrder() throws IOException {
    CustomResourceDefinition crd =
        Serialization.unmarshal(
            Files.readString(Path.of("..", "crds", FILE)), CustomResourceDefinition.class);
    assertThat(crd.getSpec().getVersions())
        .singleElement()
        .satisfies(
            version ->
                assertThat(version.getAdditionalPrinterColumns())
                    .extracting(CustomResourceColumnDefinition::getName)
                    .containsExactly(
                        "Phase", "Images", "Processed", "Shards", "Launcher", "Attempt", "Age"));
  }
}
