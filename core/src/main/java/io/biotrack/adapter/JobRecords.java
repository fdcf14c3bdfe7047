package io.biotrack.adapter;

import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import java.util.List;

/** Checks and paging shared by the {@code JobStore} adapters, so they all behave alike. */
public final class JobRecords {
  private JobRecords() {}

  /** A record handed to {@code create}: a new one, never stored before. */
  public static void checkNew(Job job) {
    if (job.version() != null) {
      throw new IllegalArgumentException("job " + job.id() + " was already stored (has a version)");
    }
    checkKeys(job.tenant(), job.id());
  }

  /** Tenant and id must be usable as table keys (and the id as part of blob and pod names). */
  public static void checkKeys(String tenant, String jobId) {
    if (!JobIds.isValid(jobId)) {
      throw new IllegalArgumentException("'" + jobId + "' is not a job id");
    }
    if (tenant == null
        || tenant.isBlank()
        || tenant.length() > 256
        || tenant.chars().anyMatch(c -> Character.isISOControl(c) || "/\\#?".indexOf(c) >= 0)) {
      throw new IllegalArgumentException(
          "tenant must be 1-256 characters without control characters or / \\ # ?");
    }
  }

  /**
   * A compare-and-set from {@code current} to {@code next}: same record, a version to compare, and
   * a status change the state machine allows.
   */
  public static void checkChange(Job current, Job next) {
    if (!current.id().equals(next.id()) || !current.tenant().equals(next.tenant())) {
      throw new IllegalArgumentException("a compare-and-set cannot change a job's id or tenant");
    }
    if (current.version() == null) {
      throw new IllegalArgumentException("job " + current.id() + " has no version: read it first");
    }
    if (current.status() != next.status()) {
      current.status().checkMoveTo(next.status());
    }
  }

  /** A local version counter; a token that is not one never matches the stored record. */
  public static long parseCounter(Job current) {
    try {
      return Long.parseLong(current.version());
    } catch (NumberFormatException e) {
      throw new ConcurrentUpdateException(current.id());
    }
  }

  /** Cursors are job ids (the last RowKey of the previous page). */
  public static void checkCursor(String cursor) {
    if (cursor != null && !JobIds.isValid(cursor)) {
      throw new IllegalArgumentException("cursor '" + cursor + "' is not valid");
    }
  }

  /**
   * A {@code listByStatus} position: {@code {tenant}/{jobId}} of the last job of a page (a tenant
   * never holds '/').
   */
  public record ScanCursor(String tenant, String jobId) {
    public static ScanCursor parse(String cursor) {
      int slash = cursor == null ? -1 : cursor.lastIndexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("cursor '" + cursor + "' is not valid");
      }
      String tenant = cursor.substring(0, slash);
      String jobId = cursor.substring(slash + 1);
      try {
        checkKeys(tenant, jobId);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cursor '" + cursor + "' is not valid");
      }
      return new ScanCursor(tenant, jobId);
    }

    static String of(Job job) {
      return job.tenant() + "/" + job.id();
    }
  }

  /** Checks the arguments of {@code listByStatus}; returns the parsed cursor or null. */
  public static ScanCursor checkScan(JobStatus status, int limit, String cursor) {
    if (status == null) {
      throw new IllegalArgumentException("a status is required");
    }
    if (limit < 1 || limit > JobStore.MAX_SCAN_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + JobStore.MAX_SCAN_LIMIT);
    }
    return cursor == null ? null : ScanCursor.parse(cursor);
  }

  /** A {@code listByStatus} page of at most {@code limit} from {@code limit + 1} fetched rows. */
  public static JobPage scanPage(List<Job> fetched, int limit) {
    if (fetched.size() <= limit) {
      return new JobPage(fetched, null);
    }
    List<Job> jobs = fetched.subList(0, limit);
    return new JobPage(jobs, ScanCursor.of(jobs.get(limit - 1)));
  }

  /** A page of at most {@code limit} from {@code limit + 1} fetched rows. */
  public static JobPage page(List<Job> fetched, int limit) {
    if (fetched.size() <= limit) {
      return new JobPage(fetched, null);
    }
    List<Job> jobs = fetched.subList(0, limit);
    return new JobPage(jobs, jobs.get(limit - 1).id());
  }
}
