package io.biotrack.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading {@code megadetector_info.json} as {@code read_metadata_from_megadetector_model_file}
 * does, on zip archives laid out as torch.save writes them (one top-level folder).
 */
class CheckpointInputSizeIT {
  @TempDir Path tmp;

  private Path zip(String name, Map<String, String> entries) throws IOException {
    Path file = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return file;
  }

  private Path checkpoint(String name, String metadata) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("archive/data.pkl", "pickle");
    entries.put("archive/version", "3");
    if (metadata != null) {
      entries.put("archive/megadetector_info.json", metadata);
    }
    return zip(name, entries);
  }

  @Test
  void anMdv1000FileRunsAtTheSizeItsMetadataGives() throws IOException {
    Path spruce =
        checkpoint("spruce.pt", "{\n \"model_type\": \"yolov5\",\n \"image_size\": 640\n}");

    assertThat(CheckpointInputSize.of(spruce)).isEqualTo(new CheckpointInputSize(640, 32, true));
  }

  @Test
  void anMdv5FileWithoutMetadataRunsAt1280() throws IOException {
    assertThat(CheckpointInputSize.of(checkpoint("md_v5a.0.0.pt", null)))
        .isEqualTo(new CheckpointInputSize(1280, 64, false));
  }

  @Test
  void metadataMegaDetectorCannotFindOrReadCountsAsNone() throws IOException {
    // No image_size, unreadable JSON, not exactly one top-level folder, or the file elsewhere.
    assertThat(CheckpointInputSize.of(checkpoint("a.pt", "{\"model_type\": \"yolov9\"}")))
        .isEqualTo(CheckpointInputSize.of((Integer) null));
    assertThat(CheckpointInputSize.of(checkpoint("b.pt", "{not json")))
        .isEqualTo(CheckpointInputSize.of((Integer) null));
    assertThat(
            CheckpointInputSize.of(
                zip(
                    "c.pt",
                    Map.of(
                        "archive/data.pkl", "pickle",
                        "other/megadetector_info.json", "{\"image_size\": 640}"))))
        .isEqualTo(CheckpointInputSize.of((Integer) null));
    assertThat(
            CheckpointInputSize.of(
                zip(
                    "d.pt",
                    Map.of(
                        "archive/data.pkl", "pickle",
                        "archive/sub/megadetector_info.json", "{\"image_size\": 640}"))))
        .isEqualTo(CheckpointInputSize.of((Integer) null));
  }

  @Test
  void anImageSizeThatIsNoSizeIsRefused() throws IOException {
    Path odd = checkpoint("odd.pt", "{\"image_size\": \"640\"}");

    assertThatThrownBy(() -> CheckpointInputSize.of(odd))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("image_size \"640\"");
  }

  @Test
  void aFileThatIsNoZipIsAnError() throws IOException {
    Path legacy = Files.writeString(tmp.resolve("legacy.pt"), "not a zip archive");

    assertThatThrownBy(() -> CheckpointInputSize.of(legacy)).isInstanceOf(IOException.class);
  }
}
