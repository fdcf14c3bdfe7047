package io.biotrack.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.results.BatchResults;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.worker.TestData;
import io.biotrack.worker.batch.Checkpoint;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run-job}'s logic in-process, against the local adapters (H2, files) and Azurite. */
class JobWorkerIT {
  @TempDir Path tmp;

  /** Runs attempt {@code attempt} of the job with {@code model}, reading and writing {@code jobs}. */
  private static int run(StorageSettings settings, JobStore jobs, StorageAdapters storage,
      String jobId, int attempt, Path model) {
    return new JobWorker(JobFixture.worker(settings, jobId, attempt, model), jobs,
        storage.blobStore(), Clock.systemUTC()).run();
  }

  private static BatchResults results(StorageAdapters storage, String jobId) throws Exception {
    try (InputStream in = storage.blobStore().open(BlobContainer.RESULTS, BlobNames.results(jobId))) {
      return ResultsJson.read(in);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void runsAJobThroughProcessingToCompletedWithProgress(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.launching(storage, 1);
      RecordingJobStore jobs = new RecordingJobStore(storage.jobStore());

      int exit = run(settings, jobs, storage, job.id(), 1, TestData.model());

      assertThat(exit).isEqualTo(WorkerExitCodes.SUCCESS);
      Job done = storage.jobStore().get(JobFixture.TENANT, job.id());
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counts().imageCount()).isEqualTo(6);
      assertThat(done.counts().processedCount()).isEqualTo(6);
      assertThat(done.counts().failedCount()).isEqualTo(1);
      assertThat(done.counts().detectionCount()).isPositive();
      assertThat(done.startedAt()).isNotNull();
      assertThat(done.completedAt()).isNotNull();
      // claim, progress for each image (interval 0), completion
      assertThat(jobs.written.get(0).status()).isEqualTo(JobStatus.PROCESSING);
      assertThat(jobs.written).last().extracting(Job::status).isEqualTo(JobStatus.COMPLETED);
      List<Integer> processed =
          jobs.written.stream().filter(j -> j.status() == JobStatus.PROCESSING)
              .map(j -> j.counts().processedCount()).toList();
      assertThat(processed).isSorted().contains(0, 1, 2, 3, 4, 5);

      BatchResults results = results(storage, job.id());
      assertThat(results.images()).extracting(ImageResult::file).containsExactlyElementsOf(
          List.of("cam1/cfz.jpg", "cam1/crocdocs-01.jpg", "cam1/crocdocs-05.jpg", "cam2/broken.jpg",
              "cam2/dzf-01.jpg", "cam2/dzf-101.jpg"));
      assertThat(results.images().get(3).failure()).isEqualTo(ImageResult.FAILURE_IMAGE_ACCESS);
      assertThat(results.info().formatVersion()).isEqualTo("1.6");
      long detections = results.images().stream().filter(i -> !i.failed())
          .mapToLong(i -> i.detections().size()).sum();
      assertThat(done.counts().detectionCount()).isEqualTo(detections);
      assertThat(storage.blobStore().exists(BlobContainer.RESULTS, BlobNames.checkpoint(job.id())))
          .as("the checkpoint is dropped once the results are written").isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void resumesFromTheCheckpointOfAnEarlierAttempt(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.launching(storage, 1);
      Detection marker = new Detection("3", 0.321, List.of(0.1, 0.1, 0.2, 0.2));
      storage.blobStore().put(BlobContainer.RESULTS, BlobNames.checkpoint(job.id()),
          Checkpoint.of(List.of(ImageResult.success("cam1/cfz.jpg", List.of(marker)))).toBytes());

      int exit = run(settings, storage.jobStore(), storage, job.id(), 1, TestData.model());

      assertThat(exit).isZero();
      BatchResults results = results(storage, job.id());
      assertThat(results.images()).hasSize(6);
      assertThat(results.images().get(0).detections()).containsExactly(marker);
      assertThat(storage.jobStore().get(JobFixture.TENANT, job.id()).counts().processedCount()).isEqualTo(6);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void stopsWithoutWritingWhenTheJobIsCancelled(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.launching(storage, 1);
      RecordingJobStore jobs = new RecordingJobStore(storage.jobStore());
      // The gateway cancels once two images are done.
      jobs.afterWrite(written -> {
        if (written.status() == JobStatus.PROCESSING && written.counts().processedCount() == 2) {
          storage.jobStore().transition(JobFixture.TENANT, job.id(), JobStatus.PROCESSING,
              JobStatus.CANCELLED, "cancelled by the user", Clock.systemUTC(), j -> j);
        }
      });

      int exit = run(settings, jobs, storage, job.id(), 1, TestData.model());

      assertThat(exit).isEqualTo(WorkerExitCodes.SUCCESS);
      Job after = storage.jobStore().get(JobFixture.TENANT, job.id());
      assertThat(after.status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(after.counts().processedCount()).isEqualTo(2);
      assertThat(storage.blobStore().exists(BlobContainer.RESULTS, BlobNames.results(job.id()))).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void aStaleOrUnrunnableAttemptExitsWithoutTouchingTheJob(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.launching(storage, 1);

      int stale = run(settings, storage.jobStore(), storage, job.id(), 2, TestData.model());
      int missing =
          run(settings, storage.jobStore(), storage, "00000000000000000000000000", 1, TestData.model());

      assertThat(stale).isEqualTo(WorkerExitCodes.STALE_ATTEMPT);
      assertThat(missing).isEqualTo(WorkerExitCodes.STALE_ATTEMPT);
      assertThat(storage.jobStore().get(JobFixture.TENANT, job.id()).version()).isEqualTo(job.version());

      storage.jobStore().transition(JobFixture.TENANT, job.id(), JobStatus.LAUNCHING,
          JobStatus.CANCELLED, null, Clock.systemUTC(), j -> j);
      int cancelled = run(settings, storage.jobStore(), storage, job.id(), 1, TestData.model());
      assertThat(cancelled).isEqualTo(WorkerExitCodes.STALE_ATTEMPT);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void aMissingModelFailsTheJobAsBadConfiguration(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.launching(storage, 1);

      int exit = run(settings, storage.jobStore(), storage, job.id(), 1, tmp.resolve("missing.pt"));

      assertThat(exit).isEqualTo(WorkerExitCodes.BAD_CONFIGURATION);
      Job failed = storage.jobStore().get(JobFixture.TENANT, job.id());
      assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
      assertThat(failed.message()).contains("cannot load the model").contains("missing.pt");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void processesExactlyTheManifestAndReportsFilesChangedSinceTheStart(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.launching(storage, 1);
      // After the start froze the manifest: one file replaced, one added, one deleted.
      byte[] other = java.nio.file.Files.readAllBytes(TestData.samples().resolve("sample-dzf-01.jpg"));
      storage.blobStore().put(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "cam1/cfz.jpg"), other);
      storage.blobStore().put(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "cam1/added.jpg"), other);
      storage.blobStore().delete(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "cam2/dzf-101.jpg"));

      assertThat(run(settings, storage.jobStore(), storage, job.id(), 1, TestData.model())).isZero();

      BatchResults results = results(storage, job.id());
      assertThat(results.images()).extracting(ImageResult::file).containsExactly(
          "cam1/cfz.jpg", "cam1/crocdocs-01.jpg", "cam1/crocdocs-05.jpg", "cam2/broken.jpg",
          "cam2/dzf-01.jpg", "cam2/dzf-101.jpg");
      assertThat(results.images())
          .filteredOn(ImageResult::failed)
          .extracting(ImageResult::file)
          .containsExactly("cam1/cfz.jpg", "cam2/broken.jpg", "cam2/dzf-101.jpg");
      Job done = storage.jobStore().get(JobFixture.TENANT, job.id());
      assertThat(done.counts().imageCount()).isEqualTo(6);
      assertThat(done.counts().processedCount()).isEqualTo(6);
      assertThat(done.counts().failedCount()).isEqualTo(3);
    }
  }
}
