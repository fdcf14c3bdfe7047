package io.biotrack.operator.reconciler;

import io.biotrack.job.Job;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.launch.WorkloadEvents.BioJobIndex;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingEventSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job records' side of the BioJobs: every {@code period}, one listing of the live records
 * (QUEUED, LAUNCHING, PROCESSING) for all BioJobs at once, instead of a read per BioJob. A record
 * whose state changed — a cancel through the API, a record deleted or finished elsewhere —
 * reconciles its BioJob at once. (Progress comes from the shards' reports, which a reconcile reads;
 * a record changes state only a few times in a job's life.)
 */
final class JobRecordEvents {
  private static final List<JobStatus> LIVE =
      List.of(JobStatus.QUEUED, JobStatus.LAUNCHING, JobStatus.PROCESSING);

  /** A live record as the poll compares it. */
  record RecordState(String jobId, JobStatus status) {}

  private JobRecordEvents() {}

  static PollingEventSource<RecordState, BioJob, String> source(
      JobStore jobs, BioJobIndex bioJobs, Duration period) {
    return new PollingEventSource<>(
        RecordState.class,
        new PollingConfigurationBuilder<RecordState, String>(() -> live(jobs, bioJobs), period)
            .withName("job-records")
            .withResourceIDMapper(RecordState::jobId)
            .build());
  }

  static Map<ResourceID, Set<RecordState>> live(JobStore jobs, BioJobIndex bioJobs) {
    Map<ResourceID, Set<RecordState>> out = new HashMap<>();
    for (JobStatus status : LIVE) {
      String cursor = null;
      do {
        JobPage page = jobs.listByStatus(status, null, JobStore.MAX_SCAN_LIMIT, cursor);
        for (Job job : page.jobs()) {
          bioJobs
              .of(job.id())
              .ifPresent(id -> out.put(id, Set.of(new RecordState(job.id(), job.status()))));
        }
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    return out;
  }
}
