package io.biotrack.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCatalogueTest {
  private final ModelCatalogue catalogue = ModelCatalogue.megadetector();

  @Test
  void listsMegaDetectorsYoloModelsWithTheirPublishedFiles() {
    assertThat(catalogue.names())
        .containsExactly("mdv5a", "mdv5b", "redwood", "cedar", "larch", "sorrel", "spruce");
    CatalogueEntry mdv5a = catalogue.find("MDv5a").orElseThrow();
    assertThat(mdv5a.current().fileName()).isEqualTo("md_v5a.0.1.pt");
    assertThat(mdv5a.current().url())
        .isEqualTo(
            "https://github.com/agentmorris/MegaDetector/releases/download/v5.0/md_v5a.0.1.pt");
    assertThat(mdv5a.checkpoint("md_v5a.0.0.pt").orElseThrow().md5())
        .isEqualTo("ec1d7603ec8cf642d6e0cd008ba2be8c");
    assertThat(mdv5a.stride()).isEqualTo(64);
    assertThat(catalogue.find("sorrel").orElseThrow().imageSize()).isEqualTo(960);
    assertThat(catalogue.find("cedar").orElseThrow().layout()).isEqualTo(OutputLayout.ANCHOR_FREE);
    assertThat(catalogue.find("spruce").orElseThrow().layout()).isEqualTo(OutputLayout.YOLOV5);
  }

  @Test
  void noDigestOrSizeIsMadeUp() {
    // MegaDetector publishes MD5 sums only, and no sizes.
    for (CatalogueEntry entry : catalogue.entries()) {
      for (PublishedCheckpoint file : entry.checkpoints()) {
        assertThat(file.sha256()).as(file.fileName()).isNull();
        assertThat(file.size()).as(file.fileName()).isNull();
        assertThat(file.md5()).as(file.fileName()).matches("[0-9a-f]{32}");
        assertThat(MegaDetectorVersions.metadata(file.version()))
            .as(file.fileName())
            .containsEntry("megadetector_version", file.version());
      }
    }
  }

  @Test
  void findsTheEntryOfAPublishedFileName() {
    assertThat(catalogue.byFileName("MD_V5A.0.0.pt").map(CatalogueEntry::name)).contains("mdv5a");
    assertThat(catalogue.byFileName("md_v1000.0.0-larch.pt").map(CatalogueEntry::name))
        .contains("larch");
    assertThat(catalogue.byFileName("other.pt")).isEmpty();
  }

  @Test
  void refusesDuplicateNamesAndEntriesWithoutADigest() {
    CatalogueEntry entry = catalogue.find("spruce").orElseThrow();
    assertThatThrownBy(() -> new ModelCatalogue(List.of(entry, entry)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PublishedCheckpoint("x.pt", "v", "https://x", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void versionsFromFileNamesAsMegaDetectorMatchesThem() {
    assertThat(MegaDetectorVersions.fromFileName("/m/md_v5a.0.0.pt")).isEqualTo("v5a.0.1");
    assertThat(MegaDetectorVersions.fromFileName("MD_V5B.0.0.torchscript")).isEqualTo("v5b.0.1");
    assertThat(MegaDetectorVersions.fromFileName("md_v1000.0.0-redwood.pt"))
        .isEqualTo("v1000.0.0-redwood");
    // MegaDetector's table has no bare "sorrel" key: its own file name reads as unknown.
    assertThat(MegaDetectorVersions.fromFileName("md_v1000.0.0-sorrel.pt")).isEqualTo("unknown");
    assertThat(MegaDetectorVersions.fromFileName("biotrack-test-md.torchscript"))
        .isEqualTo("unknown");
  }

  @Test
  void metadataKeepsMegaDetectorsKeysAndOrder() {
    assertThat(MegaDetectorVersions.metadata("v5a.0.1").keySet())
        .containsExactly(
            "url",
            "typical_detection_threshold",
            "conservative_detection_threshold",
            "image_size",
            "model_type",
            "normalized_typical_inference_speed",
            "md5",
            "megadetector_version");
    assertThat(MegaDetectorVersions.metadata("v1000.0.0-redwood").keySet())
        .containsExactly(
            "url",
            "normalized_typical_inference_speed",
            "md5",
            "typical_detection_threshold",
            "megadetector_version");
    assertThat(MegaDetectorVersions.metadata("unknown"))
        .containsExactly(
            java.util.Map.entry("megadetector_version", "unknown"),
            java.util.Map.entry("typical_detection_threshold", 0.2),
            java.util.Map.entry("conservative_detection_threshold", 0.1));
  }
}
