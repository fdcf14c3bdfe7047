package io.biotrack.gateway.support;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.JobStatus;
import io.biotrack.results.BatchResults;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsInfo;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNames;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves one QUEUED job to COMPLETED the way the dispatcher and a worker would, through the same
 * storage (the gateway's data directory, {@code BIOTRACK_*} settings): LAUNCHING, PROCESSING with
 * a progress report per image, then a results.json with fixed detections for the job's uploaded
 * files. The browser tests use it while embedded mode has no dispatcher of its own.
 *
 * <p>{@code java ... StandInWorker TENANT JOB_ID [MILLIS_PER_IMAGE]}; {@code ... TENANT JOB_ID fail
 * MESSAGE} fails the job instead, as the dispatcher does when a job runs out of attempts.
 */
public final class StandInWorker {
  public static final String DETECTOR = "biotrack-stand-in (fixed test detections)";

  private StandInWorker() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: StandInWorker TENANT JOB_ID [MILLIS_PER_IMAGE]");
      System.exit(2);
    }
    String tenant = args[0];
    String jobId = args[1];
    try (StorageAdapters storage = StorageAdapters.open(StorageSettings.fromEnvironment())) {
      WorkerSteps steps = new WorkerSteps(storage.jobStore(), storage.blobStore());
      if (args.length > 3 && args[2].equals("fail")) {
        storage
            .jobStore()
            .transition(
                tenant, jobId, JobStatus.QUEUED, JobStatus.FAILED, args[3], Clock.systemUTC(), j -> j);
        return;
      }
      long millisPerImage = args.length > 2 ? Long.parseLong(args[2]) : 0;
      List<String> files =
          storage.blobStore().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(jobId)).stream()
              .map(BlobInfo::name)
              .map(name -> BlobNames.fileOf(jobId, name))
              .toList();
      steps.launch(tenant, jobId);
      steps.process(tenant, jobId);
      for (int i = 1; i <= files.size(); i++) {
        Thread.sleep(millisPerImage);
        steps.progress(tenant, jobId, i);
      }
      steps.finish(tenant, jobId, results(files));
    }
  }

  /**
   * Detections by position in a repeating pattern of four: two animals (0.93 and 0.45), a person
   * (0.88) with a vehicle below the usual threshold (0.12), an empty image, a vehicle (0.71) with
   * an animal below the threshold (0.08); the last file is a failure.
   */
  static BatchResults results(List<String> files) {
    List<ImageResult> images = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String file = files.get(i);
      if (i == files.size() - 1 && files.size() > 1) {
        images.add(ImageResult.failure(file, ImageResult.FAILURE_IMAGE_ACCESS));
        continue;
      }
      List<Detection> detections =
          switch (i % 4) {
            case 0 -> List.of(
                new Detection("1", 0.93, List.of(0.1, 0.3, 0.35, 0.4)),
                new Detection("1", 0.45, List.of(0.55, 0.4, 0.25, 0.3)));
            case 1 -> List.of(
                new Detection("2", 0.88, List.of(0.4, 0.2, 0.15, 0.55)),
                new Detection("3", 0.12, List.of(0.05, 0.6, 0.3, 0.25)));
            case 2 -> List.of();
            default -> List.of(
                new Detection("3", 0.71, List.of(0.3, 0.45, 0.45, 0.35)),
                new Detection("1", 0.08, List.of(0.7, 0.1, 0.1, 0.1)));
          };
      images.add(ImageResult.success(file, detections));
    }
    String completed =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now());
    return BatchResults.of(
        images, new ResultsInfo(completed, ResultsInfo.FORMAT_VERSION, DETECTOR, Map.of()));
  }
}
