package io.biotrack.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.results.ImageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointerTest {
  /** Records what was saved. */
  private static final class RecordingStore implements CheckpointStore {
    final List<List<String>> saves = new ArrayList<>();

    @Override
    public Optional<Checkpoint> load() {
      return Optional.empty();
    }

    @Override
    public void save(Checkpoint checkpoint) {
      saves.add(checkpoint.checkpoint().stream().map(ImageResult::file).toList());
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

    assertThat(store.saves).containsExactly(List.of("r", "a", "b"), List.of("r", "a", "b", "c", "d"));
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
}
