package io.biotrack.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.job.Inference;
import io.biotrack.job.Job;
import io.biotrack.job.JobOptions;
import io.biotrack.job.ShardCounts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobViewTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  /** Issue 14: a job's status says where its workers run the model and at what batch size. */
  @Test
  void shardsCarryTheWorkersDeviceAndBatchSizeOnceReported() {
    Job job = Job.newPending("j1", "acme", "n", 20, JobOptions.DEFAULTS, T0);

    JobView.Shards reported =
        JobView.of(job.withShards(new ShardCounts(2, 1, 1, 0, new Inference("cuda:0", 8)), T0))
            .shards();
    JobView.Shards unknown = JobView.of(job.withShards(new ShardCounts(2, 2, 0, 0), T0)).shards();

    assertThat(reported).isEqualTo(new JobView.Shards(2, 1, 1, 0, "cuda:0", 8));
    assertThat(unknown.device()).isNull();
    assertThat(unknown.batchSize()).isNull();
  }
}
