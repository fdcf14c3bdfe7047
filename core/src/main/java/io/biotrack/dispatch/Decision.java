package io.biotrack.dispatch;

import io.biotrack.job.Inference;
import io.biotrack.job.JobStatus;
import io.biotrack.job.ShardCounts;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.shard.Tally;
import java.time.Duration;

/**
 * One step a dispatcher takes for a job. A decision round ({@link DispatchPolicy#decide}) gives the
 * steps for everything observed at once; after acting on them the dispatcher observes again and
 * decides again, so a crash between steps loses nothing.
 */
public sealed interface Decision {

  /** True when acting on it changes what the next observation sees, so decide again at once. */
  default boolean continues() {
    return !(this instanceof Wait)
        && !(this instanceof Remove)
        && !(this instanceof Seen)
        && !(this instanceof Report);
  }

  /**
   * Run attempt {@code attempt} of {@code shard}: the job record moves to LAUNCHING first if it is
   * QUEUED; the launch is idempotent by the workload's deterministic name.
   */
  record Launch(int shard, int attempt) implements Decision {}

  /**
   * Delete the shard's workload (cost stops) and note that its attempt ended.
   *
   * @param failure why the attempt failed; null when it ended because the shard or the job did
   * @param stopped the worker was stopped from outside (Ctrl-C, the platform stopping) rather than
   *     failing: worth telling, not worth a warning
   */
  record EndAttempt(int shard, WorkloadHandle workload, String failure, boolean stopped)
      implements Decision {
    public EndAttempt(int shard, WorkloadHandle workload, String failure) {
      this(shard, workload, failure, false);
    }
  }

  /** The shard's results are written whole: it counts as completed with these counts. */
  record Complete(int shard, Tally counts) implements Decision {}

  /** The shard reported these counts so far. */
  record Seen(int shard, Tally counts) implements Decision {}

  /** Write the job's phase, summed counts, shard counts and highest attempt to its record. */
  record Report(JobStatus phase, Tally tally, ShardCounts shards, int attempt)
      implements Decision {}

  /** Every shard completed: write the job's results from the shards' and complete the job. */
  record Merge(int shards, Tally tally, Inference inference) implements Decision {
    public Merge(int shards, Tally tally) {
      this(shards, tally, null);
    }
  }

  /** Move the job record to FAILED with this message. */
  record Fail(String message) implements Decision {}

  /** Move the job record to CANCELLED (a cancel requested on the dispatcher's side). */
  record Cancel(String message) implements Decision {}

  /** The job reached {@code outcome} and has no workload left: note it (events, TTL start). */
  record Finish(JobStatus outcome) implements Decision {}

  /** Forget the job: delete its BioJob / dispatch record. */
  record Remove(String reason) implements Decision {}

  /** Nothing (more) to do now; look again after {@code recheckAfter} (null: only on a change). */
  record Wait(String reason, Duration recheckAfter) implements Decision {}
}
