package io.biotrack.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.model.ExpectedModelDigests;
import io.biotrack.model.ModelFiles;
import io.biotrack.results.BatchResults;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.reuse.ContentIndex;
import io.biotrack.reuse.ContentIndexMerger;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardProgress;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.TestData;
import io.biotrack.worker.batch.Checkpoint;
import io.biotrack.worker.detect.ImageDecoder;
import io.biotrack.worker.detect.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run-job}'s logic in-process, against the local adapters (files) and Azurite. */
class ShardWorkerIT {
  @TempDir Path tmp;

  private static int run(StorageSettings settings, BlobStore blobs, ShardTask task, Path model) {
    return new ShardWorker(JobFixture.worker(settings, task, model), blobs, Clock.systemUTC())
        .run();
  }

  private static BatchResults results(BlobStore blobs, ShardTask task) throws Exception {
    try (InputStream in =
        blobs.open(BlobContainer.RESULTS, ShardNames.results(task.jobId(), task.shard()))) {
      return ResultsJson.read(in);
    }
  }

  private static ShardProgress progress(BlobStore blobs, ShardTask task) throws Exception {
    try (InputStream in =
        blobs.open(BlobContainer.RESULTS, ShardNames.progress(task.jobId(), task.shard()))) {
      return ShardProgress.parse(in.readAllBytes());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void writesTheShardsResultsThenItsCompleteProgress(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 1);
      ShardTask task = JobFixture.whole(job, 1);

      int exit = run(settings, storage.blobStore(), task, TestData.model());

      assertThat(exit).isEqualTo(WorkerExitCodes.SUCCESS);
      BatchResults results = results(storage.blobStore(), task);
      assertThat(results.images())
          .extracting(ImageResult::file)
          .containsExactly(
              "cam1/cfz.jpg",
              "cam1/crocdocs-01.jpg",
              "cam1/crocdocs-05.jpg",
              "cam2/broken.jpg",
              "cam2/dzf-01.jpg",
              "cam2/dzf-101.jpg");
      assertThat(results.images().get(3).failure()).isEqualTo(ImageResult.FAILURE_IMAGE_ACCESS);
      assertThat(results.info().inference())
          .containsEntry("device", "cpu")
          .containsEntry("batch_size", 1);
      assertThat(results.info().formatVersion()).isEqualTo("1.6");
      long detections =
          results.images().stream()
              .filter(i -> !i.failed())
              .mapToLong(i -> i.detections().size())
              .sum();
      assertThat(progress(storage.blobStore(), task))
          .isEqualTo(new ShardProgress(1, 6, 6, 1, detections, true, "cpu", 1));
      assertThat(
              storage.blobStore().exists(BlobContainer.RESULTS, ShardNames.checkpoint(job.id(), 0)))
          .as("the checkpoint is dropped once the results are written")
          .isFalse();
      assertThat(storage.blobStore().exists(BlobContainer.RESULTS, BlobNames.results(job.id())))
          .as("the job's own results are the dispatcher's to write")
          .isFalse();
    }
  }

  /**
   * Issue 17: one thumbnail per photo the shard decodes, at most 320 px on its longest side, turned
   * by its EXIF orientation as detection turned it; none for a photo that cannot be decoded.
   */
  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void writesAThumbnailOfEachDecodedPhotoTurnedAsDetectionSawIt(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      byte[] turned = Files.readAllBytes(TestData.edge().resolve("exif-6.jpg")); // 640x480, 6
      byte[] large = Files.readAllBytes(TestData.samples().resolve("sample-cfz-01.jpg"));
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("cam 1/turned.jpg", turned);
      files.put("cam 1/large.jpg", large);
      files.put("cam 2/broken.jpg", "not an image".getBytes(StandardCharsets.UTF_8));
      Job job = JobFixture.started(storage, files);
      ShardTask task = JobFixture.whole(job, 1);
      BlobStore blobs = storage.blobStore();

      assertThat(run(settings, blobs, task, TestData.model())).isEqualTo(WorkerExitCodes.SUCCESS);

      assertThat(blobs.list(BlobContainer.RESULTS, BlobNames.thumbnails(job.id())))
          .extracting(BlobInfo::name)
          .containsExactlyInAnyOrder(
              BlobNames.thumbnail(job.id(), "cam 1/turned.jpg"),
              BlobNames.thumbnail(job.id(), "cam 1/large.jpg"));
      BufferedImage turnedThumb = thumbnail(blobs, job.id(), "cam 1/turned.jpg");
      assertThat(turnedThumb.getWidth() + "x" + turnedThumb.getHeight()).isEqualTo("240x320");
      RgbImage decoded = new ImageDecoder().decode(turned); // as detection saw it: 480x640
      double right = meanDifference(turnedThumb, decoded);
      assertThat(right).as("the same picture").isLessThan(12);
      RgbImage original =
          new RgbImage(640, 480, rgb(ImageIO.read(new ByteArrayInputStream(turned))));
      assertThat(meanDifference(turnedThumb, rotatedWrongWay(original)))
          .as("not turned the other way")
          .isGreaterThan(2 * right);

      BufferedImage largeThumb = thumbnail(blobs, job.id(), "cam 1/large.jpg");
      BufferedImage largePhoto = ImageIO.read(new ByteArrayInputStream(large));
      assertThat(Math.max(largeThumb.getWidth(), largeThumb.getHeight())).isEqualTo(320);
      assertThat((double) largeThumb.getWidth() / largeThumb.getHeight())
          .isCloseTo((double) largePhoto.getWidth() / largePhoto.getHeight(), within(0.01));
      assertThat(results(blobs, task).images()).hasSize(3);
    }
  }

  private static BufferedImage thumbnail(BlobStore blobs, String jobId, String file)
      throws Exception {
    try (InputStream in = blobs.open(BlobContainer.RESULTS, BlobNames.thumbnail(jobId, file))) {
      byte[] jpeg = in.readAllBytes();
      assertThat(jpeg).startsWith(0xFF, 0xD8); // a JPEG
      return ImageIO.read(new ByteArrayInputStream(jpeg));
    }
  }

  private static byte[] rgb(BufferedImage image) {
    byte[] out = new byte[image.getWidth() * image.getHeight() * 3];
    int i = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        out[i++] = (byte) (p >> 16);
        out[i++] = (byte) (p >> 8);
        out[i++] = (byte) p;
      }
    }
    return out;
  }

  /** Orientation 8's turn where 6 was asked for: the photo upside down from the right one. */
  private static RgbImage rotatedWrongWay(RgbImage image) {
    RgbImage turned = RgbImage.blank(image.height(), image.width());
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int to = ((image.width() - 1 - x) * image.height() + y) * 3;
        for (int c = 0; c < 3; c++) {
          turned.pixels()[to + c] = (byte) image.sample(x, y, c);
        }
      }
    }
    return turned;
  }

  /** Mean absolute difference per channel, sampling {@code image} at the thumbnail's pixels. */
  private static double meanDifference(BufferedImage thumb, RgbImage image) {
    long sum = 0;
    for (int y = 0; y < thumb.getHeight(); y++) {
      for (int x = 0; x < thumb.getWidth(); x++) {
        int p = thumb.getRGB(x, y);
        int sx = (int) ((x + 0.5) * image.width() / thumb.getWidth());
        int sy = (int) ((y + 0.5) * image.height() / thumb.getHeight());
        sum += Math.abs(((p >> 16) & 0xFF) - image.sample(sx, sy, 0));
        sum += Math.abs(((p >> 8) & 0xFF) - image.sample(sx, sy, 1));
        sum += Math.abs((p & 0xFF) - image.sample(sx, sy, 2));
      }
    }
    return (double) sum / (3L * thumb.getWidth() * thumb.getHeight());
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void processesOnlyItsOwnRangeOfTheManifest(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 1);
      ShardTask second = JobFixture.task(job, 1, 4, 2, 1);

      assertThat(run(settings, storage.blobStore(), second, TestData.model())).isZero();

      assertThat(results(storage.blobStore(), second).images())
          .extracting(ImageResult::file)
          .containsExactly("cam2/dzf-01.jpg", "cam2/dzf-101.jpg");
      assertThat(storage.blobStore().exists(BlobContainer.RESULTS, ShardNames.results(job.id(), 0)))
          .isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void resumesFromTheShardsCheckpoint(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 1);
      ShardTask task = JobFixture.whole(job, 2);
      Detection marker = new Detection("3", 0.321, List.of(0.1, 0.1, 0.2, 0.2));
      storage
          .blobStore()
          .put(
              BlobContainer.RESULTS,
              ShardNames.checkpoint(job.id(), 0),
              Checkpoint.of(List.of(ImageResult.success("cam1/cfz.jpg", List.of(marker))))
                  .toBytes());

      assertThat(run(settings, storage.blobStore(), task, TestData.model())).isZero();

      BatchResults results = results(storage.blobStore(), task);
      assertThat(results.images()).hasSize(6);
      assertThat(results.images().get(0).detections()).containsExactly(marker);
      assertThat(progress(storage.blobStore(), task).attempt()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void aMissingModelExits2AndWritesNothing(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 1);
      ShardTask task = JobFixture.whole(job, 1);

      int exit = run(settings, storage.blobStore(), task, tmp.resolve("missing.pt"));

      assertThat(exit).isEqualTo(WorkerExitCodes.BAD_CONFIGURATION);
      assertThat(storage.blobStore().list(BlobContainer.RESULTS, ShardNames.folder(job.id(), 0)))
          .isEmpty();
    }
  }

  /** Issue 14: the chart's expected digest (model.sha256) is checked before the model is loaded. */
  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void aModelWhoseDigestDiffersFromTheDeploymentsExits2AndWritesNothing(String kind)
      throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 1);
      ShardTask task = JobFixture.whole(job, 1);
      Path model = TestData.model();
      String name = model.getFileName().toString();
      String other = "0".repeat(64);

      int refused = runExpecting(settings, storage.blobStore(), task, model, name + "=" + other);

      assertThat(refused).isEqualTo(WorkerExitCodes.BAD_CONFIGURATION);
      assertThat(storage.blobStore().list(BlobContainer.RESULTS, ShardNames.folder(job.id(), 0)))
          .isEmpty();
      assertThat(runExpecting(settings, storage.blobStore(), task, model, "mdv5a=" + other))
          .as("a model the list does not name")
          .isEqualTo(WorkerExitCodes.BAD_CONFIGURATION);
      assertThat(
              runExpecting(
                  settings,
                  storage.blobStore(),
                  task,
                  model,
                  name + "=" + ModelFiles.sha256(model)))
          .isEqualTo(0);
    }
  }

  private static int runExpecting(
      StorageSettings settings, BlobStore blobs, ShardTask task, Path model, String digests) {
    ShardSettings base = JobFixture.worker(settings, task, model);
    ShardSettings expecting =
        new ShardSettings(
            base.storage(),
            base.task(),
            base.model(),
            base.threads(),
            base.cacheDir(),
            base.checkpointEvery(),
            base.progressInterval(),
            base.decodeThreads(),
            base.device(),
            base.batchSize(),
            ExpectedModelDigests.parse(digests),
            base.classifier(),
            base.region());
    return new ShardWorker(expecting, blobs, Clock.systemUTC()).run();
  }

  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void aMissingManifestExits2(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 1);
      ShardTask task =
          new ShardTask(job.id(), JobFixture.TENANT, "nosuchmanifest", 0, 0, 6, 1, 0.005);

      assertThat(run(settings, storage.blobStore(), task, TestData.model()))
          .isEqualTo(WorkerExitCodes.BAD_CONFIGURATION);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void processesExactlyTheManifestAndReportsFilesChangedSinceTheStart(String kind)
      throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 1);
      ShardTask task = JobFixture.whole(job, 1);
      // After the start froze the manifest: one file replaced, one added, one deleted.
      byte[] other = Files.readAllBytes(TestData.samples().resolve("sample-dzf-01.jpg"));
      storage
          .blobStore()
          .put(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "cam1/cfz.jpg"), other);
      storage
          .blobStore()
          .put(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "cam1/added.jpg"), other);
      storage
          .blobStore()
          .delete(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "cam2/dzf-101.jpg"));

      assertThat(run(settings, storage.blobStore(), task, TestData.model())).isZero();

      BatchResults results = results(storage.blobStore(), task);
      assertThat(results.images())
          .extracting(ImageResult::file)
          .containsExactly(
              "cam1/cfz.jpg",
              "cam1/crocdocs-01.jpg",
              "cam1/crocdocs-05.jpg",
              "cam2/broken.jpg",
              "cam2/dzf-01.jpg",
              "cam2/dzf-101.jpg");
      assertThat(results.images())
          .filteredOn(ImageResult::failed)
          .extracting(ImageResult::file)
          .containsExactly("cam1/cfz.jpg", "cam2/broken.jpg", "cam2/dzf-101.jpg");
      ShardProgress done = progress(storage.blobStore(), task);
      assertThat(done.processed()).isEqualTo(6);
      assertThat(done.failed()).isEqualTo(3);
    }
  }

  /**
   * Issue 17, reuse: a second job over the same photos (two renamed, one new) copies the first
   * job's entries for photos of equal content instead of running them, and writes its own part of
   * the content index for the jobs after it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void copiesThePreviousJobsEntriesForPhotosOfEqualContent(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      BlobStore blobs = storage.blobStore();
      Job first = JobFixture.started(storage, 1);
      ShardTask firstTask = JobFixture.whole(first, 1);
      assertThat(run(settings, blobs, firstTask, TestData.model())).isZero();
      new ContentIndexMerger(blobs).merge(first.id(), 1);
      // The first job's index, with a marker in place of cfz.jpg's entry: only a copy has it.
      byte[] cfz = read(blobs, BlobNames.upload(first.id(), "cam1/cfz.jpg"));
      Detection marker = new Detection("3", 0.321, List.of(0.1, 0.1, 0.2, 0.2));
      List<ContentIndex.Line> lines = new ArrayList<>();
      for (String line :
          new String(read(blobs, BlobNames.contents(first.id())), StandardCharsets.UTF_8)
              .lines()
              .toList()) {
        ImageResult entry = ResultsJson.mapper().readValue(line.substring(65), ImageResult.class);
        String digest = line.substring(0, 64);
        lines.add(
            new ContentIndex.Line(
                digest,
                digest.equals(ContentIndex.sha256(cfz))
                    ? ImageResult.success(entry.file(), List.of(marker))
                    : entry));
      }
      assertThat(lines).as("the broken upload is not in the index").hasSize(5);
      ByteArrayOutputStream tampered = new ByteArrayOutputStream();
      ContentIndex.writeSorted(lines, tampered);
      blobs.put(BlobContainer.RESULTS, BlobNames.contents(first.id()), tampered.toByteArray());

      Map<String, byte[]> season = new LinkedHashMap<>();
      season.put("2026/a.jpg", cfz);
      season.put("2026/b.jpg", read(blobs, BlobNames.upload(first.id(), "cam2/dzf-01.jpg")));
      // A photo the first job did not have: one of its photos with a byte after the image's end.
      byte[] sample = Files.readAllBytes(TestData.samples().resolve("sample-crocdocs-05.jpg"));
      byte[] changed = java.util.Arrays.copyOf(sample, sample.length + 1);
      season.put("2026/new.jpg", changed);
      Job second = JobFixture.started(storage, season);
      ShardTask task = JobFixture.whole(second, 1).reusing(first.id());

      assertThat(run(settings, blobs, task, TestData.model())).isZero();

      BatchResults results = results(blobs, task);
      assertThat(results.images())
          .extracting(ImageResult::file)
          .containsExactly("2026/a.jpg", "2026/b.jpg", "2026/new.jpg");
      assertThat(results.images().get(0).detections())
          .as("copied, not run again")
          .containsExactly(marker);
      BatchResults firstResults = results(blobs, firstTask);
      assertThat(results.images().get(1).detections())
          .isEqualTo(firstResults.images().get(4).detections());
      assertThat(progress(blobs, task).reused()).as("reusedCount's source").isEqualTo(2);
      assertThat(progress(blobs, task).processed()).isEqualTo(3);
      assertThat(
              new String(read(blobs, ShardNames.contents(second.id(), 0)), StandardCharsets.UTF_8)
                  .lines())
          .as("the second job's own part of the index, for the jobs after it")
          .hasSize(3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void aPreviousJobWithoutAnIndexRunsEveryPhoto(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 1);
      ShardTask task = JobFixture.whole(job, 1).reusing(JobFixture.started(storage, 1).id());

      assertThat(run(settings, storage.blobStore(), task, TestData.model())).isZero();

      assertThat(results(storage.blobStore(), task).images()).hasSize(6);
    }
  }

  private static byte[] read(BlobStore blobs, String name) throws Exception {
    BlobContainer container =
        name.contains("/shards/") || name.endsWith("contents.txt")
            ? BlobContainer.RESULTS
            : BlobContainer.UPLOADS;
    try (InputStream in = blobs.open(container, name)) {
      return in.readAllBytes();
    }
  }
}
