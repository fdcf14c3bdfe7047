package io.biotrack.gateway.results;

import io.biotrack.gateway.job.JobService;
import io.biotrack.gateway.job.JobStateConflictException;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.results.ClassificationNames;
import io.biotrack.results.DetectionFilter;
import io.biotrack.results.ImageEntries;
import io.biotrack.results.RepeatDetections;
import io.biotrack.results.ResultsSummary;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Opens a COMPLETED job's results file (MegaDetector batch output) and its photos. Blocking. */
public class ResultsService {
  private final JobService jobs;
  private final BlobStore blobStore;

  /** A completed job and its results file, which the caller closes. */
  public record Opened(Job job, InputStream json) {}

  public ResultsService(JobService jobs, BlobStore blobStore) {
    this.jobs = jobs;
    this.blobStore = blobStore;
  }

  /**
   * @return the results JSON; the caller closes it
   * @throws JobStateConflictException if the job is not COMPLETED
   */
  public InputStream open(String tenant, String jobId) {
    return openWithJob(tenant, jobId).json();
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
    ResultsSummary summary = new ResultsSummary(filter);
    try (InputStream json = open(tenant, jobId);
        ImageEntries images = ImageEntries.of(json)) {
      images.forEachRemaining(summary::add);
    } catch (IOException e) {
      throw new UncheckedIOException("results of job " + jobId + " are not readable", e);
    }
    return summary;
  }

  /** The detections that repeat at one place across many photos of a folder, flagged. */
  public java.util.List<RepeatDetections.Location> repeats(String tenant, String jobId) {
    RepeatDetections repeats = new RepeatDetections(RepeatDetections.Options.MEGADETECTOR);
    try (InputStream json = open(tenant, jobId);
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
