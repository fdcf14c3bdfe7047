package io.biotrack.job;

import org.slf4j.MDC;

/**
 * The job a log line is about, as the logging context (SLF4J's MDC): {@code jobId} and {@code
 * tenant}. With {@code BIOTRACK_LOG_FORMAT=json} every line logged inside carries them as fields,
 * so a log collector finds all of one job's lines; text logs are unchanged.
 *
 * <pre>{@code try (JobLogContext ignored = JobLogContext.enter(job.tenant(), job.id())) { ... }}
 * </pre>
 */
public final class JobLogContext implements AutoCloseable {
  public static final String JOB_ID = "jobId";
  public static final String TENANT = "tenant";

  private JobLogContext() {}

  /** Puts the job into this thread's logging context until {@link #close()}. */
  public static JobLogContext enter(String tenant, String jobId) {
    MDC.put(JOB_ID, jobId);
    MDC.put(TENANT, tenant);
    return new JobLogContext();
  }

  @Override
  public void close() {
    MDC.remove(JOB_ID);
    MDC.remove(TENANT);
  }
}
