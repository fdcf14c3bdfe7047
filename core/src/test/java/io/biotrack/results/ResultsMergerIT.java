package io.biotrack.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.adapter.local.FileBlobStore;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsMergerIT {
  @TempDir Path dir;
  private BlobStore blobs;

  @BeforeEach
  void setUp() {
    blobs = new FileBlobStore(dir, BlobContainer::defaultName);
  }

  private static ResultsInfo info(String time) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("typical_detection_threshold", 0.2);
    metadata.put("megadetector_version", "v5a.0.1");
    return new ResultsInfo(
        time, "1.6", "md_v5a.0.0.pt", metadata, ResultsInfo.inference("cuda:0", 8));
  }

  private static List<ImageResult> images(int from, int to) {
    List<ImageResult> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String file = String.format("cam%d/IMG_%04d.JPG", i / 7, i);
      if (i % 5 == 3) {
        out.add(ImageResult.failure(file, ImageResult.FAILURE_IMAGE_ACCESS));
      } else {
        List<Detection> detections = new ArrayList<>();
        for (int d = 0; d < i % 3; d++) {
          detections.add(
              new Detection("" + (1 + d % 3), 0.0001 + i / 1000.0, List.of(0.1, 0.2, 1e-05, 0.25)));
        }
        out.add(ImageResult.success(file, detections));
      }
    }
    return out;
  }

  private String part(String name, List<ImageResult> images, String time) {
    blobs.put(
        BlobContainer.RESULTS, name, ResultsJson.toBytes(BatchResults.of(images, info(time))));
    return name;
  }

  private byte[] read(String name) throws Exception {
    try (InputStream in = blobs.open(BlobContainer.RESULTS, name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void theMergedFileIsByteForByteTheFileOfAllImagesAtOnce() throws Exception {
    List<String> parts = new ArrayList<>();
    parts.add(part("j/s/0.json", images(0, 10), "2026-12-06 10:00:00"));
    parts.add(part("j/s/1.json", images(10, 10), "2026-12-06 10:00:05")); // an empty shard
    parts.add(part("j/s/2.json", images(10, 25), "2026-12-06 10:02:00"));
    parts.add(part("j/s/3.json", images(25, 26), "2026-12-06 10:01:00"));

    long merged = new ResultsMerger(blobs).merge(parts, "j/results.json");

    assertThat(merged).isEqualTo(26);
    byte[] expected =
        ResultsJson.toBytes(BatchResults.of(images(0, 26), info("2026-12-06 10:02:00")));
    assertThat(new String(read("j/results.json"))).isEqualTo(new String(expected));
  }

  @Test
  void partsWithoutImagesMergeToAFileWithoutImages() throws Exception {
    List<String> parts = List.of(part("k/0.json", List.of(), "2026-12-06 10:00:00"));
    assertThat(new ResultsMerger(blobs).merge(parts, "k/results.json")).isZero();
    byte[] expected = ResultsJson.toBytes(BatchResults.of(List.of(), info("2026-12-06 10:00:00")));
    assertThat(new String(read("k/results.json"))).isEqualTo(new String(expected));
  }

  @Test
  void aMissingPartFailsAndLeavesNoResults() {
    List<String> parts = List.of(part("m/0.json", images(0, 3), "t"), "m/1.json");
    assertThatThrownBy(() -> new ResultsMerger(blobs).merge(parts, "m/results.json"))
        .isInstanceOf(RuntimeException.class);
    assertThat(blobs.exists(BlobContainer.RESULTS, "m/results.json")).isFalse();
  }

  @Test
  void classifiedShardsMergeWithTheUnionOfTheirClassificationCategories() throws Exception {
    List<String> parts = new ArrayList<>();
    parts.add(classifiedPart("c/0.json", images(0, 10), "2026-12-06 10:00:00", 0));
    parts.add(classifiedPart("c/1.json", images(10, 25), "2026-12-06 10:02:00", 1));

    new ResultsMerger(blobs).merge(parts, "c/results.json");

    List<ImageResult> all = new ArrayList<>(classified(images(0, 10), 0));
    all.addAll(classified(images(10, 25), 1));
    byte[] expected =
        ResultsJson.toBytes(
            withSpecies(
                BatchResults.of(all, info("2026-12-06 10:02:00")),
                Set.of("4", "5", "12"),
                "2026-12-06 10:02:00"));
    assertThat(new String(read("c/results.json"))).isEqualTo(new String(expected));
  }

  /**
   * Each shard's detections classified as category {@code 4} or {@code 5}, runner-up {@code 12}.
   */
  private static List<ImageResult> classified(List<ImageResult> images, int shard) {
    String top = shard == 0 ? "4" : "5";
    return images.stream()
        .map(
            r ->
                r.failed()
                    ? r
                    : r.withSpecies(
                        r.detections().stream()
                            .map(
                                d ->
                                    d.withClassifications(
                                        List.of(
                                            new ClassScore(top, 0.9), new ClassScore("12", 0.05))))
                            .toList(),
                        new SpeciesPrediction(top, 0.9, "classifier")))
        .toList();
  }

  private static BatchResults withSpecies(BatchResults results, Set<String> used, String time) {
    Map<String, String> names = new java.util.TreeMap<>();
    Map<String, String> descriptions = new java.util.TreeMap<>();
    for (String id : used) {
      names.put(id, "taxon " + id);
      descriptions.put(id, "uuid" + id + ";mammalia;;;;;taxon " + id);
    }
    return new BatchResults(
        results.images(),
        results.detectionCategories(),
        names,
        descriptions,
        results
            .info()
            .withClassifier(
                "speciesnet-test", time, Map.of("classifier_version", "speciesnet-test")));
  }

  private String classifiedPart(String name, List<ImageResult> images, String time, int shard) {
    Set<String> used = shard == 0 ? Set.of("4", "12") : Set.of("5", "12");
    blobs.put(
        BlobContainer.RESULTS,
        name,
        ResultsJson.toBytes(
            withSpecies(BatchResults.of(classified(images, shard), info(time)), used, time)));
    return name;
  }
}
