package io.biotrack.gateway.results;

import io.biotrack.gateway.job.JobService;
import io.biotrack.gateway.job.JobStateConflictException;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.results.ClassificationNames;
import io.biotrack.results.ConfirmedRepeats;
import io.biotrack.results.DetectionFilter;
import io.biotrack.results.ImageEntries;
import io.biotrack.results.RepeatDecision;
import io.biotrack.results.RepeatDecisionStore;
import io.biotrack.results.RepeatDetections;
import io.biotrack.results.ResultsSummary;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Opens a COMPLETED job's results file (MegaDetector batch output) and its photos. Blocking. */
public class ResultsService {
  private final JobService jobs;
  private final BlobStore blobStore;
  private final RepeatDecisionStore repeatDecisions;

  /** A completed job's results for an export, and the detections the export leaves out. */
  public record Export(Job job, InputStream json, DetectionFilter.SetAside setAside) {}

  /** A flagged repeat detection group and the user's decision about it (null: none yet). */
  public record ReviewedRepeat(RepeatDetections.Location location, RepeatDecision decision) {}

  /** A completed job and its results file, which the caller closes. */
  public record Opened(Job job, InputStream json) {}

  public ResultsService(JobService jobs, BlobStore blobStore, RepeatDecisionStore repeatDecisions) {
    this.jobs = jobs;
    this.blobStore = blobStore;
    this.repeatDecisions = repeatDecisions;
  }

  /**
   * @return the results JSON; the caller closes it
   * @throws JobStateConflictException if the job is not COMPLETED
   */
  public InputStream open(String tenant, String jobId) {
    return openWithJob(tenant, jobId).json();
  }

  /**
   * As {@link #openWithJob}, with what the exports leave out ({@link #confirmedRepeats}).
   *
   * @return the job, its results and the detections set aside
   */
  public Export openForExport(String tenant, String jobId) {
    Opened opened = openWithJob(tenant, jobId);
    try {
      return new Export(opened.job(), opened.json(), confirmedRepeats(jobId));
    } catch (RuntimeException e) {
      try {
        opened.json().close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** As {@link #open}, with the job (its name names the downloads). */
  public Opened openWithJob(String tenant, String jobId) {
    Job job = jobs.get(tenant, jobId);
    if (job.status() != JobStatus.COMPLETED) {
      throw new JobStateConflictException(
          jobId, job.status(), "results exist once the job is COMPLETED");
    }
    try {
      return new Opened(job, blobStore.open(BlobContainer.RESULTS, BlobNames.results(jobId)));
    } catch (BlobNotFoundException e) {
      throw new ResultsNotFoundException(jobId);
    }
  }

  /**
   * The classification categories of a job whose results {@link #openWithJob} opened: a second read
   * of the file, since they follow its images; none when the results have no classifier.
   */
  public ClassificationNames classificationNames(String jobId) {
    try (InputStream json = blobStore.open(BlobContainer.RESULTS, BlobNames.results(jobId))) {
      return ClassificationNames.read(json);
    } catch (BlobNotFoundException e) {
      throw new ResultsNotFoundException(jobId);
    } catch (IOException e) {
      throw new UncheckedIOException("results of job " + jobId + " are not readable", e);
    }
  }

  /**
   * Counts what the job found at {@code filter}'s threshold, reading its results once, one entry at
   * a time.
   */
  public ResultsSummary summary(String tenant, String jobId, DetectionFilter filter) {
    try (InputStream json = open(tenant, jobId);
        ImageEntries images = ImageEntries.of(json)) {
      ResultsSummary summary = new ResultsSummary(filter.withSetAside(confirmedRepeats(jobId)));
      images.forEachRemaining(summary::add);
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException("results of job " + jobId + " are not readable", e);
    }
  }

  /**
   * The detections that repeat at one place across many photos of a folder, flagged, each with the
   * user's decision.
   */
  public List<ReviewedRepeat> repeats(String tenant, String jobId) {
    List<RepeatDetections.Location> flagged = flagged(open(tenant, jobId), jobId);
    Map<String, RepeatDecision> decisions = repeatDecisions.decisions(jobId);
    return flagged.stream().map(l -> new ReviewedRepeat(l, decisions.get(l.id()))).toList();
  }

  /**
   * Records a user's decision about one flagged group of a COMPLETED job.
   *
   * @throws RepeatGroupNotFoundException if the job's results flag no group {@code groupId}
   */
  public ReviewedRepeat decide(
      String tenant, String jobId, String groupId, RepeatDecision decision) {
    RepeatDetections.Location location =
        flagged(open(tenant, jobId), jobId).stream()
            .filter(l -> l.id().equals(groupId))
            .findFirst()
            .orElseThrow(() -> new RepeatGroupNotFoundException(jobId, groupId));
    repeatDecisions.decide(jobId, groupId, decision);
    return new ReviewedRepeat(location, decision);
  }

  /**
   * The detections a job's exports leave out: those of the repeat groups a user confirmed. Reads
   * the results once more only when some group is confirmed. Call after {@link #openWithJob}.
   */
  public DetectionFilter.SetAside confirmedRepeats(String jobId) {
    Map<String, RepeatDecision> decisions = repeatDecisions.decisions(jobId);
    if (!decisions.containsValue(RepeatDecision.CONFIRMED)) {
      return DetectionFilter.SetAside.NONE;
    }
    InputStream json;
    try {
      json = blobStore.open(BlobContainer.RESULTS, BlobNames.results(jobId));
    } catch (BlobNotFoundException e) {
      throw new ResultsNotFoundException(jobId);
    }
    return new ConfirmedRepeats(
        RepeatDetections.Options.MEGADETECTOR, flagged(json, jobId), decisions);
  }

  private static List<RepeatDetections.Location> flagged(InputStream results, String jobId) {
    RepeatDetections repeats = new RepeatDetections(RepeatDetections.Options.MEGADETECTOR);
    try (InputStream json = results;
        ImageEntries images = ImageEntries.of(json)) {
      images.forEachRemaining(repeats::add);
    } catch (IOException e) {
      throw new UncheckedIOException("results of job " + jobId + " are not readable", e);
    }
    return repeats.flagged();
  }

  /** The job's photos by their names in the results, for the folders zip. */
  public FolderZip.Photos photos(String jobId) {
    return file -> blobStore.open(BlobContainer.UPLOADS, BlobNames.upload(jobId, file));
  }
}
