package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.results.ResultsInfo;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DetectorMetadataTest {

  @Test
  void mdv5aExportsGetMegaDetectorsMetadataForV5a01() {
    ResultsInfo info =
        DetectorMetadata.info("md_v5a.0.0.torchscript", LocalDateTime.of(2026, 11, 25, 17, 11, 35));

    assertThat(info.detectionCompletionTime()).isEqualTo("2026-11-25 17:11:35");
    assertThat(info.formatVersion()).isEqualTo("1.6");
    assertThat(info.detector()).isEqualTo("md_v5a.0.0.torchscript");
    assertThat(info.detectorMetadata())
        .containsEntry("megadetector_version", "v5a.0.1")
        .containsEntry("typical_detection_threshold", 0.2)
        .containsEntry("conservative_detection_threshold", 0.05)
        .containsEntry("image_size", 1280);
  }

  @Test
  void otherModelsAreUnknownWithTheV5Thresholds() {
    ResultsInfo info = DetectorMetadata.info("biotrack-test-md.torchscript", LocalDateTime.now());

    assertThat(info.detectorMetadata())
        .containsEntry("megadetector_version", "unknown")
        .containsEntry("typical_detection_threshold", 0.2);
    assertThat(DetectorMetadata.metadata("MD_V5B.0.0.pt"))
        .containsEntry("megadetector_version", "v5b.0.1");
  }
}
