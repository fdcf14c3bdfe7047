package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * scripts/build-images tags each image with the chart's appVersion under the repository the chart's
 * values name, from a Dockerfile target that exists. CI has no Docker engine: the commands are
 * checked in a dry run.
 */
class BuildImagesIT {
  @Test
  void theImagesGetTheChartsAppVersionAndTheRepositoriesTheValuesName() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    String appVersion =
        yaml.readTree(Repo.chart().resolve("Chart.yaml").toFile()).path("appVersion").asText();
    JsonNode values = yaml.readTree(Repo.chart().resolve("values.yaml").toFile());
    String dockerfile = Files.readString(Repo.root().resolve("Dockerfile"));

    Helm.Result docker =
        Helm.script("scripts/build-images", "--registry", "r.example", "--push", "--dry-run");
    Helm.Result acr = Helm.script("scripts/build-images", "--acr", "myacr", "--dry-run");

    assertThat(docker.exitCode()).as(docker.output()).isZero();
    assertThat(acr.exitCode()).as(acr.output()).isZero();
    for (String component : new String[] {"gateway", "operator", "worker"}) {
      String repository = values.path(component).path("image").path("repository").asText();
      assertThat(dockerfile).containsPattern("(?im)^FROM \\S+ AS " + component + "$");
      assertThat(docker.stdout())
          .contains(
              "+ docker build --target "
                  + component
                  + " --tag r.example/"
                  + repository
                  + ":"
                  + appVersion
                  + " .")
          .contains("+ docker push r.example/" + repository + ":" + appVersion);
      assertThat(acr.stdout())
          .contains(
              "+ az acr build --registry myacr --target "
                  + component
                  + " --image "
                  + repository
                  + ":"
                  + appVersion
                  + " .");
    }
  }

  @Test
  void withoutARegistryItSaysWhatItNeeds() {
    Helm.Result none = Helm.script("scripts/build-images");

    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stderr()).contains("--registry REGISTRY", "--acr NAME");
  }
}
