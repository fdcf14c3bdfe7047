package io.biotrack.gateway.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.results.DetectionFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImagesCsvTest {
  private static String csv(byte[] json, double threshold) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImagesCsv.write(new ByteArrayInputStream(json), out, DetectionFilter.atLeast(threshold));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onePhotoARowWithItsFolderAndPerCategoryTheCountAndHighestConfidenceAtTheThreshold()
      throws IOException {
    assertThat(csv(ExportFixtures.season(), 0.2).split("\r\n", -1))
        .containsExactly(
            "file,folder,animal_count,animal_max_conf,person_count,person_max_conf,vehicle_count,vehicle_max_conf,failure,prediction,prediction_common_name,prediction_score",
            "site A/cam1/IMG_0001.JPG,site A/cam1,2,0.912,0,,0,,,,,",
            "site A/cam1/IMG_0002.JPG,site A/cam1,0,,0,,0,,,,,",
            // "=" only runs as a formula first in a cell: this name is just quoted for its comma
            "\"site A/cam2/=SUM(1,2).jpg\",site A/cam2,1,0.6,1,0.8,0,,,,,",
            "top.jpg,,,,,,,,image access failure,,,",
            "");
  }

  @Test
  void aLowerThresholdCountsMore() throws IOException {
    assertThat(csv(ExportFixtures.season(), 0).split("\r\n"))
        .contains(
            "site A/cam1/IMG_0001.JPG,site A/cam1,2,0.912,1,0.1,0,,,,,",
            "site A/cam1/IMG_0002.JPG,site A/cam1,0,,0,,1,0.05,,,,");
  }

  @Test
  void aFolderNameLikeAFormulaIsNeutralisedToo() throws IOException {
    byte[] json =
        ExportFixtures.json(
            io.biotrack.results.ImageResult.success(
                "=cmd|' /C calc'!A0/x.jpg", java.util.List.of()));
    assertThat(csv(json, 0).split("\r\n"))
        .contains("'=cmd|' /C calc'!A0/x.jpg,'=cmd|' /C calc'!A0,0,,0,,0,,,,,");
  }

  @Test
  void eachPhotoGetsTheEnsemblesPredictionAndScoreWithLabelsLikeFormulasNeutralised()
      throws IOException {
    byte[] json = ExportFixtures.classified();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImagesCsv.write(
        new ByteArrayInputStream(json),
        out,
        DetectionFilter.atLeast(0.2),
        io.biotrack.results.ClassificationNames.read(new ByteArrayInputStream(json)));
    assertThat(out.toString(StandardCharsets.UTF_8).split("\r\n", -1))
        .containsExactly(
            "file,folder,animal_count,animal_max_conf,person_count,person_max_conf,vehicle_count,"
                + "vehicle_max_conf,failure,prediction,prediction_common_name,prediction_score",
            "cam1/a.jpg,cam1,2,0.9,0,,0,,,"
                + "uuid-fox;mammalia;carnivora;canidae;vulpes;vulpes;red fox,red fox,0.91",
            "cam1/b.jpg,cam1,1,0.3,0,,0,,,'=uuid;;;;;;=evil,'=evil,0.5",
            "cam1/c.jpg,cam1,0,,0,,0,,,,,",
            "");
  }
}
