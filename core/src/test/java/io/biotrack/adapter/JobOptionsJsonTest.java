package io.biotrack.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.job.JobOptions;
import io.biotrack.job.SpeciesOptions;
import org.junit.jupiter.api.Test;

class JobOptionsJsonTest {
  @Test
  void aChosenModelIsKeptAndOlderRecordsHaveNone() {
    JobOptions chosen = new JobOptions(0.2, 500).withModel("mdv5a");

    assertThat(JobOptionsJson.write(chosen)).contains("\"model\":\"mdv5a\"");
    assertThat(JobOptionsJson.read(JobOptionsJson.write(chosen))).isEqualTo(chosen);
    assertThat(JobOptionsJson.write(JobOptions.DEFAULTS)).doesNotContain("model");
    assertThat(JobOptionsJson.read("{\"confidenceThreshold\":0.1,\"shardSize\":10}").model())
        .isNull();
  }

  @Test
  void aModelAndSpeciesOptionsAreKeptTogether() {
    JobOptions both =
        new JobOptions(0.2, 500)
            .withModel("mdv5a")
            .withSpecies(new SpeciesOptions(true, "USA", "CA"));

    JobOptions read = JobOptionsJson.read(JobOptionsJson.write(both));
    assertThat(read).isEqualTo(both);
    assertThat(read.model()).isEqualTo("mdv5a");
    assertThat(read.species().admin1()).isEqualTo("CA");
  }
}
