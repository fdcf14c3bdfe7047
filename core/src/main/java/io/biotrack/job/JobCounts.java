package io.biotrack.job;

/** How many images a job has and how far a worker got through them. */
public record JobCounts(int imageCount, int processedCount, int failedCount, long detectionCount) {
  public static final JobCounts NONE = new JobCounts(0, 0, 0, 0);

  public JobCounts {
    if (imageCount < 0 || processedCount < 0 || failedCount < 0 || detectionCount < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  public static JobCounts ofImages(int imageCount) {
    return new JobCounts(imageCount, 0, 0, 0);
  }

  public JobCounts withImageCount(int images) {
    return new JobCounts(images, processedCount, failedCount, detectionCount);
  }

  public JobCounts withProgress(int processed, int failed, long detections) {
    return new JobCounts(imageCount, processed, failed, detections);
  }
}
