package io.biotrack.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.biotrack.results.ImageResult;
import io.biotrack.worker.PatchedJpeg;
import io.biotrack.worker.TestData;
import io.biotrack.worker.classify.SpeciesSetup;
import io.biotrack.worker.classify.SpeciesStage;
import io.biotrack.worker.detect.DecodeBudget;
import io.biotrack.worker.detect.MegaDetector;
import io.biotrack.worker.detect.RgbImage;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchRunner} with the test model, in-process: the decode budget and running out of memory.
 */
class BatchRunnerIT {
  private static final long MIB = 1 << 20;
  private static MegaDetector detector;

  @BeforeAll
  static void load() {
    detector = MegaDetector.open(TestData.model(), null, 2, MegaDetector.DEFAULT_THRESHOLD);
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  /** Keeps what was saved: files, and {@code "decoding:<file>"} for the image in flight. */
  private static final class RecordingStore implements CheckpointStore {
    final List<List<String>> saves = new ArrayList<>();

    @Override
    public Optional<Checkpoint> load() {
      return Optional.empty();
    }

    @Override
    public synchronized void save(Checkpoint checkpoint) {
      List<String> saved =
          new ArrayList<>(checkpoint.checkpoint().stream().map(ImageResult::file).toList());
      if (checkpoint.decoding() != null) {
        saved.add("decoding:" + checkpoint.decoding());
      }
      saves.add(saved);
    }

    @Override
    public void delete() {}
  }

  private static ImageItem sample(String file, String sample) {
    return new ImageItem(file, () -> Files.readAllBytes(TestData.samples().resolve(sample)));
  }

  /**
   * Issue 14: images given to the model together are grouped by letterboxed size (MegaDetector's
   * shape groups) and each group is one forward pass; every image gets what it gets alone, a file
   * that is no image stays an image access failure, and results keep the input order.
   */
  @Test
  void batchesByLetterboxedSizeGiveWhatEachImageGetsAlone() throws Exception {
    List<ImageItem> items = new ArrayList<>();
    try (var samples = Files.list(TestData.samples())) {
      for (var file : samples.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
        items.add(sample(file.getFileName().toString(), file.getFileName().toString()));
      }
    }
    items.add(3, new ImageItem("broken.jpg", () -> new byte[] {1, 2, 3}));
    DecodeBudget budget = new DecodeBudget(512 * MIB);
    BatchListener none = new BatchListener() {};

    List<ImageResult> alone =
        new BatchRunner(detector, 2, 4, budget, 1).run(items, List.of(), none).results();
    List<ImageResult> batched =
        new BatchRunner(detector, 2, 4, budget, 5).run(items, List.of(), none).results();

    assertThat(batched)
        .extracting(ImageResult::file)
        .containsExactlyElementsOf(items.stream().map(ImageItem::file).toList());
    assertThat(batched.get(3).failure()).isEqualTo(ImageResult.FAILURE_IMAGE_ACCESS);
    // On the CPU a batch gives each image exactly what it gets alone (libtorch runs the same
    // kernels per image); batches of 5 here hold groups of 2 and 3 (the 1920×1440, 800×450 photos).
    assertThat(batched).isEqualTo(alone);
  }

  /**
   * Issue 16: the species stage batches crops across images; each image gets what it gets with its
   * crops classified on their own (the old per-image batches), in input order, a broken file in
   * between included.
   */
  @Test
  void cropsBatchedAcrossImagesGiveWhatEachImageGetsAlone() throws Exception {
    List<ImageItem> items = new ArrayList<>();
    try (var samples = Files.list(TestData.samples())) {
      for (var file : samples.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
        items.add(sample(file.getFileName().toString(), file.getFileName().toString()));
      }
    }
    items.add(3, new ImageItem("broken.jpg", () -> new byte[] {1, 2, 3}));
    DecodeBudget budget = new DecodeBudget(512 * MIB);
    BatchListener none = new BatchListener() {};
    try (SpeciesSetup species = SpeciesSetup.open(TestData.classifier(), null, null, null, 2)) {
      SpeciesStage stage = species.stage();
      AfterDetection perImage =
          new AfterDetection() {
            @Override
            public List<ImageResult> add(ImageResult detected, RgbImage image) {
              List<ImageResult> out = new ArrayList<>(stage.add(detected, image));
              out.addAll(stage.flush());
              return out;
            }

            @Override
            public List<ImageResult> flush() {
              return stage.flush();
            }
          };

      List<ImageResult> alone =
          new BatchRunner(detector, 2, 4, budget, 1, perImage)
              .run(items, List.of(), none)
              .results();
      List<ImageResult> batched =
          new BatchRunner(detector, 2, 4, budget, 1, stage).run(items, List.of(), none).results();

      assertThat(batched)
          .extracting(ImageResult::file)
          .containsExactlyElementsOf(items.stream().map(ImageItem::file).toList());
      assertThat(batched).isEqualTo(alone);
      // classified (an image whose top box is empty in pixels has no decision, alone too)
      assertThat(batched.stream().filter(r -> r.prediction() != null).count()).isGreaterThan(8);
    }
  }

  /** A stop completes the images whose crops wait for a batch: each one told done is kept. */
  @Test
  void aStopCompletesTheImagesWaitingForClassification() throws Exception {
    List<ImageItem> items = new ArrayList<>();
    try (var samples = Files.list(TestData.samples())) {
      for (var file : samples.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
        items.add(sample(file.getFileName().toString(), file.getFileName().toString()));
      }
    }
    List<String> told = new ArrayList<>();
    BatchListener stopAfterThree =
        new BatchListener() {
          @Override
          public void imageDone(ImageResult result, BatchProgress progress) {
            told.add(result.file());
          }

          @Override
          public boolean stopRequested() {
            return told.size() >= 3;
          }
        };
    try (SpeciesSetup species = SpeciesSetup.open(TestData.classifier(), null, null, null, 2)) {
      BatchOutcome outcome =
          new BatchRunner(detector, 1, 2, new DecodeBudget(512 * MIB), 1, species.stage())
              .run(items, List.of(), stopAfterThree);

      assertThat(outcome.complete()).isFalse();
      assertThat(outcome.results()).extracting(ImageResult::file).containsExactlyElementsOf(told);
      assertThat(told).hasSizeBetween(3, items.size() - 1);
      assertThat(outcome.results().stream().filter(r -> r.prediction() != null)).isNotEmpty();
      // nothing is left waiting in the stage for the next run
      assertThat(species.stage().flush()).isEmpty();
    }
  }

  @Test
  void anImageOverTheBudgetIsAFailureAndALargeOneIsMarkedWhileItDecodes() throws Exception {
    // 800×450 photos need about 11 MB each; the 3000×2000 one about 28 MB, over a quarter of 60.
    DecodeBudget budget = new DecodeBudget(60 * MIB);
    List<ImageItem> items =
        List.of(
            sample("a.jpg", "sample-cfz-01.jpg"),
            new ImageItem("b.jpg", PatchedJpeg::review),
            new ImageItem(
                "c.jpg", () -> PatchedJpeg.of("sample-dzf-01.jpg", 3000, 2000, Integer.MAX_VALUE)));
    RecordingStore store = new RecordingStore();

    BatchOutcome outcome =
        new BatchRunner(detector, 1, 2, budget).run(items, List.of(), new Checkpointer(store, 100));

    assertThat(outcome.results())
        .extracting(ImageResult::file)
        .containsExactly("a.jpg", "b.jpg", "c.jpg");
    assertThat(outcome.results().get(0).failed()).isFalse();
    assertThat(outcome.results().get(1).failure()).isEqualTo(ImageResult.FAILURE_IMAGE_ACCESS);
    assertThat(outcome.results().get(2).failed()).isFalse();
    assertThat(store.saves.get(0)).as("saved before the large decode").endsWith("decoding:c.jpg");
    assertThat(store.saves.get(1)).as("saved again after it").doesNotContain("decoding:c.jpg");
    assertThat(store.saves).hasSize(2);
  }

  @Test
  void runningOutOfMemorySavesTheCheckpointNamingTheLargeDecodeInFlight() throws Exception {
    DecodeBudget budget = new DecodeBudget(60 * MIB);
    List<ImageItem> items =
        List.of(
            sample("a.jpg", "sample-cfz-01.jpg"),
            new ImageItem(
                "b.jpg", () -> PatchedJpeg.of("sample-dzf-01.jpg", 3000, 2000, Integer.MAX_VALUE)));
    RecordingStore store = new RecordingStore();
    CountDownLatch largeDecodeStarted = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    BatchListener starved =
        new BatchListener() {
          @Override
          public void largeDecodeStarting(String file) {
            largeDecodeStarted.countDown();
            try {
              never.await(); // b.jpg stays in flight until the batch gives up
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void imageDone(ImageResult result, BatchProgress progress) {
            try {
              assertThat(largeDecodeStarted.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
            throw new OutOfMemoryError("Java heap space");
          }
        };
    BatchListener listener = BatchListener.all(List.of(new Checkpointer(store, 100), starved));

    assertThatThrownBy(
            () -> new BatchRunner(detector, 1, 2, budget).run(items, List.of(), listener))
        .isInstanceOf(OutOfMemoryError.class);

    // The mark was saved when b.jpg's decode began (with or without a.jpg, whichever came
    // first); the save on the way out keeps it.
    assertThat(store.saves).hasSize(2);
    assertThat(store.saves.get(0)).endsWith("decoding:b.jpg");
    assertThat(store.saves.get(1)).containsExactly("a.jpg", "decoding:b.jpg");
  }

  @Test
  void decoderThreadsPrepareTogetherAndAheadOfTheModelUpToTheWindow() throws Exception {
    DecoderThreads decoders = DecoderThreads.forThreads(3); // a window of 6
    // The first three photos are read only when three decoders are at them at once.
    CyclicBarrier together = new CyclicBarrier(3);
    AtomicInteger reads = new AtomicInteger();
    List<ImageItem> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int index = i;
      items.add(
          new ImageItem(
              "p" + i + ".jpg",
              () -> {
                if (index < 3) {
                  try {
                    together.await(60, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    throw new java.io.IOException("decoders did not run together", e);
                  }
                }
                reads.incrementAndGet();
                return Files.readAllBytes(TestData.samples().resolve("sample-cfz-01.jpg"));
              }));
    }
    List<Integer> readAtDone = new ArrayList<>();
    BatchListener model =
        new BatchListener() {
          @Override
          public void imageDone(ImageResult result, BatchProgress progress) {
            int done = progress.done() - 1;
            if (done == 0) {
              // The model thread waits here; the decoders fill the window meanwhile: the first
              // photo's successor and the five after it.
              await().atMost(Duration.ofSeconds(60)).until(() -> reads.get() == 7);
            }
            readAtDone.add(reads.get());
          }
        };

    BatchOutcome outcome =
        new BatchRunner(
                detector, decoders.threads(), decoders.window(), new DecodeBudget(512 * MIB))
            .run(items, List.of(), model);

    assertThat(outcome.results())
        .extracting(ImageResult::file)
        .containsExactlyElementsOf(items.stream().map(ImageItem::file).toList());
    assertThat(outcome.results()).noneMatch(ImageResult::failed);
    for (int done = 0; done < readAtDone.size(); done++) {
      assertThat(readAtDone.get(done))
          .as("read when photo %d was done", done)
          .isLessThanOrEqualTo(Math.min(items.size(), done + 1 + decoders.window()));
    }
  }
}
