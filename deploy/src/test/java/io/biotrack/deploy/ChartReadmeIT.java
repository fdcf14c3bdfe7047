package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The chart's README has its values table from {@code scripts/chart-readme}: current with
 * values.schema.json and values.yaml, and the script reads values.yaml (with a small YAML reader of
 * its own, the standard library having none) as a YAML parser does.
 */
class ChartReadmeIT {
  @Test
  void theValuesTableIsCurrent() {
    Helm.Result check = Helm.script("python3", "scripts/chart-readme", "--check");

    assertThat(check.exitCode()).as(check.stderr() + check.stdout()).isZero();
  }

  @Test
  void theScriptReadsTheDefaultsAsYamlDoes() throws IOException {
    Helm.Result defaults = Helm.script("python3", "scripts/chart-readme", "--defaults");
    assertThat(defaults.exitCode()).as(defaults.stderr()).isZero();

    JsonNode read = new ObjectMapper().readTree(defaults.stdout());
    JsonNode parsed =
        new YAMLMapper().readTree(Files.readString(Repo.chart().resolve("values.yaml")));
    assertThat(read).isEqualTo(parsed);
  }

  @Test
  void everyValueOfTheSchemaIsInTheTable() throws IOException {
    String readme = Files.readString(Repo.chart().resolve("README.md"));
    JsonNode schema =
        new ObjectMapper().readTree(Repo.chart().resolve("values.schema.json").toFile());

    assertThat(readme).contains("| `storage.accountName` | string |", "| `operator.launcher` |");
    schema
        .path("properties")
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!key.equals("global")) {
                assertThat(readme).as(key).contains("| `" + key);
              }
            });
  }
}
