package io.biotrack.job;

/**
 * How many images a job has and how far a worker got through them.
 *
 * @param reusedCount processed images whose entries were copied from the job's previous job (photos
 *     of equal content), not run again; part of {@code processedCount}
 */
public record JobCounts(
    int imageCount, int processedCount, int failedCount, long detectionCount, int reusedCount) {
  public static final JobCounts NONE = new JobCounts(0, 0, 0, 0);

  public JobCounts {
    if (imageCount < 0
        || processedCount < 0
        || failedCount < 0
        || detectionCount < 0
        || reusedCount < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  public JobCounts(int imageCount, int processedCount, int failedCount, long detectionCount) {
    this(imageCount, processedCount, failedCount, detectionCount, 0);
  }

  public static JobCounts ofImages(int imageCount) {
    return new JobCounts(imageCount, 0, 0, 0);
  }

  public JobCounts withImageCount(int images) {
    return new JobCounts(images, processedCount, failedCount, detectionCount, reusedCount);
  }

  public JobCounts withProgress(int processed, int failed, long detections) {
    return new JobCounts(imageCount, processed, failed, detections, reusedCount);
  }

  public JobCounts withReused(int reused) {
    return new JobCounts(imageCount, processedCount, failedCount, detectionCount, reused);
  }
}
