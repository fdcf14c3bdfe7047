package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Rendered;
import io.biotrack.deploy.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * infra/*.bicep creates what the chart's defaults expect. No Bicep compiler or Azure reaches CI
 * here, so this compares names as written: the storage names with values.yaml's, the federated
 * subjects with the ServiceAccounts the chart renders, the modules with the files.
 */
class BicepIT {
  private static final Path INFRA = Repo.root().resolve("infra");

  @Test
  void theStorageNamesAreTheChartsDefaults() throws IOException {
    String bicep = Files.readString(INFRA.resolve("biotrack.bicep"));
    JsonNode storage =
        new YAMLMapper().readTree(Repo.chart().resolve("values.yaml").toFile()).path("storage");

    assertThat(variable(bicep, "table")).isEqualTo(storage.path("table").asText());
    assertThat(variable(bicep, "uploadsContainer"))
        .isEqualTo(storage.path("uploadsContainer").asText());
    assertThat(variable(bicep, "resultsContainer"))
        .isEqualTo(storage.path("resultsContainer").asText());
    assertThat(variable(bicep, "queue")).isEqualTo(storage.path("queue").asText());
    assertThat(bicep).contains("var poisonQueue = '${queue}-poison'");
  }

  @Test
  void theFederatedSubjectsAreTheServiceAccountsTheChartMakes() throws IOException {
    String main = Files.readString(INFRA.resolve("main.bicep"));
    String bicep = Files.readString(INFRA.resolve("biotrack.bicep"));
    Rendered rendered = Helm.render(); // release biotrack in namespace biotrack

    assertThat(main)
        .contains("param namespace string = 'biotrack'", "param releaseName string = 'biotrack'");
    for (String component : new String[] {"gateway", "operator"}) {
      assertThat(rendered.get("ServiceAccount", "biotrack-" + component)).isNotNull();
      assertThat(bicep)
          .contains(
              "subject: 'system:serviceaccount:${namespace}:${releaseName}-" + component + "'");
    }
  }

  @Test
  void everyModuleIsThere() throws IOException {
    Matcher module =
        Pattern.compile("module \\w+ '([^']+)'")
            .matcher(Files.readString(INFRA.resolve("main.bicep")));
    int found = 0;
    while (module.find()) {
      assertThat(INFRA.resolve(module.group(1))).isRegularFile();
      found++;
    }
    assertThat(found).isEqualTo(2);
    assertThat(Files.readString(INFRA.resolve("main.bicepparam"))).contains("using 'main.bicep'");
  }

  private static String variable(String bicep, String name) {
    Matcher m = Pattern.compile("(?m)^var " + name + " = '([^']*)'$").matcher(bicep);
    assertThat(m.find()).as("var %s", name).isTrue();
    return m.group(1);
  }
}
