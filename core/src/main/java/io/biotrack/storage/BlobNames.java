package io.biotrack.storage;

import io.biotrack.files.FileNames;

/** Where a job's blobs live, per the storage contract. */
public final class BlobNames {
  public static final String RESULTS_FILE = "results.json";
  public static final String CHECKPOINT_FILE = "checkpoint.json";

  private BlobNames() {}

  /** {@code {jobId}/}: everything of one job in either container. */
  public static String jobPrefix(String jobId) {
    return jobId + "/";
  }

  /** {@code {jobId}/{file}} in {@link BlobContainer#UPLOADS}; {@code file} is validated. */
  public static String upload(String jobId, String file) {
    return jobPrefix(jobId) + FileNames.validate(file);
  }

  /** The file name a user gave, from an upload blob name. */
  public static String fileOf(String jobId, String uploadBlobName) {
    String prefix = jobPrefix(jobId);
    if (!uploadBlobName.startsWith(prefix)) {
      throw new IllegalArgumentException(uploadBlobName + " is not a blob of job " + jobId);
    }
    return uploadBlobName.substring(prefix.length());
  }

  public static String results(String jobId) {
    return jobPrefix(jobId) + RESULTS_FILE;
  }

  /** {@code {jobId}/contents.txt}: the job's content index (photos by SHA-256) for later jobs. */
  public static String contents(String jobId) {
    return jobPrefix(jobId) + "contents.txt";
  }

  /**
   * {@code {jobId}/thumbnails/}: the job's thumbnails in {@link BlobContainer#RESULTS}, one per
   * photo, written by the workers as they decode (deleted with the job, like everything under
   * {@link #jobPrefix}).
   */
  public static String thumbnails(String jobId) {
    return jobPrefix(jobId) + "thumbnails/";
  }

  /**
   * {@code {jobId}/thumbnails/{file}}: the thumbnail (a JPEG, whatever the photo's type) of photo
   * {@code file}, keyed by its relative path; {@code file} is validated.
   */
  public static String thumbnail(String jobId, String file) {
    return thumbnails(jobId) + FileNames.validate(file);
  }

  public static String checkpoint(String jobId) {
    return jobPrefix(jobId) + CHECKPOINT_FILE;
  }
}
