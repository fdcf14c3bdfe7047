package io.biotrack.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.adapter.JobOptionsJson;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerEnvironment;
import io.biotrack.launch.WorkerResources;
import io.biotrack.shard.ShardTask;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's species choice: stored with its options and handed to each worker. */
class SpeciesOptionsTest {
  private static final String JOB = "0123456789abcdefghjkmnpqrs";

  @Test
  void storedOptionsKeepTheSpeciesChoiceAndOlderRecordsDetectOnly() {
    JobOptions options =
        new JobOptions(0.2, 500).withSpecies(new SpeciesOptions(true, "usa", "ca"));
    String json = JobOptionsJson.write(options);
    assertThat(json)
        .contains("\"classify\":true")
        .contains("\"country\":\"USA\"")
        .contains("\"admin1\":\"CA\"");
    assertThat(JobOptionsJson.read(json)).isEqualTo(options);
    assertThat(JobOptionsJson.read("{\"confidenceThreshold\":0.2,\"shardSize\":500}").species())
        .isEqualTo(SpeciesOptions.NONE);
    assertThat(JobOptionsJson.write(new JobOptions(0.2, 500))).doesNotContain("classify");
  }

  @Test
  void aCountryNeedsClassification() {
    assertThatThrownBy(() -> new SpeciesOptions(false, "USA", null))
        .hasMessageContaining("\"classify\": true");
  }

  @Test
  void workersGetTheClassifierAndTheRegionOrTheLaunchIsRefused() {
    ShardTask task =
        new ShardTask(JOB, "acme", "m1", 0, 0, 10, 1, 0.005, new SpeciesOptions(true, "KEN", null));
    LaunchRequest request = new LaunchRequest(task, WorkerResources.DEFAULT);

    Map<String, String> env =
        WorkerEnvironment.forAttempt(request, "/models/md.pt", "/models/speciesnet");
    assertThat(env)
        .containsEntry("BIOTRACK_CLASSIFIER", "/models/speciesnet")
        .containsEntry("BIOTRACK_COUNTRY", "KEN")
        .doesNotContainKey("BIOTRACK_ADMIN1");
    assertThatThrownBy(() -> WorkerEnvironment.forAttempt(request, "/models/md.pt"))
        .isInstanceOf(LaunchRejectedException.class)
        .hasMessageContaining("no SpeciesNet classifier");
    ShardTask detectOnly = new ShardTask(JOB, "acme", "m1", 0, 0, 10, 1, 0.005);
    assertThat(
            WorkerEnvironment.forAttempt(
                new LaunchRequest(detectOnly, WorkerResources.DEFAULT), "/m", "/c"))
        .doesNotContainKey("BIOTRACK_CLASSIFIER");
  }
}
