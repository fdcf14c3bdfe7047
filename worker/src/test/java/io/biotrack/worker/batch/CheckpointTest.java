package io.biotrack.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.results.ClassScore;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.SpeciesPrediction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  private static final List<ImageResult> RESULTS =
      List.of(
          ImageResult.success(
              "cam1/a.jpg",
              List.of(
                  new Detection("1", 0.927, List.of(0.4443, 0.2903, 0.1556, 0.2173)),
                  new Detection("2", 0.052, List.of(0.1, 0.2, 0.05, 0.1)))),
          ImageResult.success("cam1/b.jpg", List.of()),
          ImageResult.failure("bad.jpg", ImageResult.FAILURE_IMAGE_ACCESS));

  @Test
  void writesMegaDetectorsCheckpointFormat() {
    String json = new String(Checkpoint.of(RESULTS).toBytes(), StandardCharsets.UTF_8);

    assertThat(json).startsWith("{\n \"checkpoint\": [\n");
    assertThat(json).contains("\"max_detection_conf\": 0.927");
    assertThat(json).contains("\"max_detection_conf\": 0.0");
    assertThat(json).contains("\"failure\": \"image access failure\"");
  }

  /**
   * Issue 16: a classified image's per-image decision (prediction, score, source) is part of its
   * entry; the checkpoint dropped it, so a resumed classified run lost it (or classified the image
   * again).
   */
  @Test
  void keepsTheSpeciesDecisionOfAClassifiedImage() {
    ImageResult classified =
        ImageResult.success(
                "cam1/c.jpg",
                List.of(
                    new Detection("1", 0.9, List.of(0.1, 0.1, 0.2, 0.2))
                        .withClassifications(List.of(new ClassScore("12", 0.87)))))
            .withSpecies(
                List.of(
                    new Detection("1", 0.9, List.of(0.1, 0.1, 0.2, 0.2))
                        .withClassifications(List.of(new ClassScore("12", 0.87)))),
                new SpeciesPrediction("12", 0.87, "classifier"));
    FileCheckpointStore store = new FileCheckpointStore(dir.resolve("checkpoint.json"));

    store.save(Checkpoint.of(List.of(classified)));
    ImageResult loaded = store.load().orElseThrow().checkpoint().get(0);

    assertThat(loaded.withoutMaxConf()).isEqualTo(classified);
    assertThat(loaded.speciesPrediction())
        .isEqualTo(new SpeciesPrediction("12", 0.87, "classifier"));
  }

  @Test
  void roundTripsThroughAFile() {
    FileCheckpointStore store = new FileCheckpointStore(dir.resolve("run/checkpoint.json"));
    assertThat(store.load()).isEmpty();

    store.save(Checkpoint.of(RESULTS));
    List<ImageResult> loaded = store.load().orElseThrow().checkpoint();

    assertThat(loaded).extracting(ImageResult::withoutMaxConf).isEqualTo(RESULTS);
    assertThat(loaded.get(0).maxDetectionConf()).isEqualTo(0.927);
    assertThat(dir.resolve("run")).isDirectoryNotContaining("glob:**.tmp");
    store.delete();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void anImageInFlightIsAnExtraKeyThatMegaDetectorsReaderIgnores() throws Exception {
    byte[] json = Checkpoint.of(RESULTS, "cam1/huge.jpg").toBytes();

    JsonNode root = new ObjectMapper().readTree(json);
    assertThat(root.fieldNames()).toIterable().containsExactly("checkpoint", "decoding");
    assertThat(root.get("decoding").asText()).isEqualTo("cam1/huge.jpg");
    // run_detector_batch.py takes saved['checkpoint'] and nothing else: the entries are intact.
    assertThat(root.get("checkpoint")).hasSize(3);
    assertThat(new String(Checkpoint.of(RESULTS).toBytes(), StandardCharsets.UTF_8))
        .as("no key when no decode is in flight")
        .doesNotContain("decoding");
  }

  @Test
  void onResumeTheImageARunDiedDecodingIsAFailure() throws Exception {
    Checkpoint read =
        Checkpoint.read(
            new ByteArrayInputStream(Checkpoint.of(RESULTS, "cam1/huge.jpg").toBytes()));

    assertThat(read.decoding()).isNull();
    assertThat(read.checkpoint())
        .extracting(ImageResult::file)
        .containsExactly("cam1/a.jpg", "cam1/b.jpg", "bad.jpg", "cam1/huge.jpg");
    assertThat(read.checkpoint().get(3).failure()).isEqualTo(ImageResult.FAILURE_IMAGE_ACCESS);
    assertThat(read.checkpoint().subList(0, 3))
        .extracting(ImageResult::withoutMaxConf)
        .isEqualTo(RESULTS);
  }

  @Test
  void anImageInFlightThatHasAResultKeepsIt() throws Exception {
    Checkpoint read =
        Checkpoint.read(new ByteArrayInputStream(Checkpoint.of(RESULTS, "cam1/a.jpg").toBytes()));

    assertThat(read.decoding()).isNull();
    assertThat(read.checkpoint()).extracting(ImageResult::withoutMaxConf).isEqualTo(RESULTS);
  }

  @Test
  void aCorruptCheckpointIsAnError() throws Exception {
    Files.writeString(dir.resolve("c.json"), "{\"images\": []}");

    assertThatThrownBy(() -> new FileCheckpointStore(dir.resolve("c.json")).load())
        .hasMessageContaining("checkpoint");
    assertThatThrownBy(
            () ->
                Checkpoint.read(
                    new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class);
  }
}
