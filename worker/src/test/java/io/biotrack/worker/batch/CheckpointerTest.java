package io.biotrack.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.results.ImageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointerTest {
  /** Records what was saved: the files, and the image in flight as {@code "decoding:<file>"}. */
  private static final class RecordingStore implements CheckpointStore {
    final List<List<String>> saves = new ArrayList<>();

    @Override
    public Optional<Checkpoint> load() {
      return Optional.empty();
    }

    @Override
    public void save(Checkpoint checkpoint) {
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

  private static ImageResult image(String name) {
    return ImageResult.success(name, List.of());
  }

  @Test
  void savesEveryNImagesOfThisRunWithTheResumedOnes() {
    RecordingStore store = new RecordingStore();
    Checkpointer checkpointer = new Checkpointer(store, 2);
    BatchProgress progress = BatchProgress.start(6);

    checkpointer.started(List.of(image("r")), progress);
    for (String name : List.of("a", "b", "c", "d", "e")) {
      checkpointer.imageDone(image(name), progress);
    }

    assertThat(store.saves)
        .containsExactly(List.of("r", "a", "b"), List.of("r", "a", "b", "c", "d"));
  }

  @Test
  void saveNowWritesOnlyWhatIsNotSavedYet() {
    RecordingStore store = new RecordingStore();
    Checkpointer checkpointer = new Checkpointer(store, 0);
    BatchProgress progress = BatchProgress.start(3);

    checkpointer.started(List.of(), progress);
    checkpointer.saveNow();
    checkpointer.imageDone(image("a"), progress);
    checkpointer.saveNow();
    checkpointer.saveNow();

    assertThat(store.saves).containsExactly(List.of("a"));
  }

  @Test
  void aLargeDecodeIsSavedBeforeItStartsAndSavedAwayAfter() {
    RecordingStore store = new RecordingStore();
    Checkpointer checkpointer = new Checkpointer(store, 10);
    BatchProgress progress = BatchProgress.start(3);
    checkpointer.started(List.of(image("r")), progress);

    checkpointer.imageDone(image("a"), progress);
    checkpointer.largeDecodeStarting("huge");
    checkpointer.largeDecodeFinished("huge");

    assertThat(store.saves).containsExactly(List.of("r", "a", "decoding:huge"), List.of("r", "a"));
  }

  @Test
  void periodicSavesDuringALargeDecodeKeepNamingIt() {
    RecordingStore store = new RecordingStore();
    Checkpointer checkpointer = new Checkpointer(store, 1);
    BatchProgress progress = BatchProgress.start(3);
    checkpointer.started(List.of(), progress);

    checkpointer.largeDecodeStarting("huge");
    checkpointer.imageDone(image("a"), progress);

    assertThat(store.saves)
        .containsExactly(List.of("decoding:huge"), List.of("a", "decoding:huge"));
  }

  @Test
  void withoutCheckpointsNothingIsMarked() {
    RecordingStore store = new RecordingStore();
    Checkpointer checkpointer = new Checkpointer(store, 0);
    checkpointer.started(List.of(), BatchProgress.start(1));

    checkpointer.largeDecodeStarting("huge");
    checkpointer.largeDecodeFinished("huge");
    checkpointer.outOfMemory();

    assertThat(store.saves).isEmpty();
  }

  @Test
  void runningOutOfMemorySavesWithTheImageInFlightAndNothingAfter() {
    RecordingStore store = new RecordingStore();
    Checkpointer checkpointer = new Checkpointer(store, 10);
    BatchProgress progress = BatchProgress.start(3);
    checkpointer.started(List.of(), progress);
    checkpointer.largeDecodeStarting("huge");
    checkpointer.imageDone(image("a"), progress);

    checkpointer.outOfMemory();
    checkpointer.largeDecodeFinished("huge"); // its decoder thread may still get there
    boolean hookSaved = checkpointer.saveFinal(); // the Ctrl-C hook runs on the way out

    assertThat(store.saves)
        .containsExactly(List.of("decoding:huge"), List.of("a", "decoding:huge"));
    assertThat(hookSaved).isFalse();
  }

  @Test
  void anOrderlyStopDoesNotBlameTheDecodeInFlightAndIsFinal() {
    RecordingStore store = new RecordingStore();
    Checkpointer checkpointer = new Checkpointer(store, 10);
    BatchProgress progress = BatchProgress.start(3);
    checkpointer.started(List.of(), progress);
    checkpointer.imageDone(image("a"), progress);
    checkpointer.largeDecodeStarting("huge");

    assertThat(checkpointer.saveFinal()).isTrue();
    checkpointer.largeDecodeFinished("huge");
    checkpointer.largeDecodeStarting("next");

    assertThat(store.saves).containsExactly(List.of("a", "decoding:huge"), List.of("a"));
  }
}
