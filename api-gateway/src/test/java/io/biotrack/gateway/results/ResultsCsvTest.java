package io.biotrack.gateway.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.results.BatchResults;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsInfo;
import io.biotrack.results.ResultsJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {

  @Test
  void oneRowPerDetectionOneRowForAnImageWithoutAndOneForAFailure() throws IOException {
    BatchResults results =
        BatchResults.of(
            List.of(
                ImageResult.success(
                    "b.jpg",
                    List.of(
                        new Detection("1", 0.9, List.of(0.0, 0.25, 0.5, 0.75)),
                        new Detection("3", 0.0052, List.of(0.1, 0.1, 0.0001, 1.0)))),
                ImageResult.success("a.jpg", List.of()),
                ImageResult.failure("c.jpg", ImageResult.FAILURE_INFERENCE)),
            new ResultsInfo("2025-01-01 00:00:00", "1.6", "md_v5a.0.0.pt", Map.of()));
    assertThat(csv(ResultsJson.toBytes(results)))
        .isEqualTo(
            "file,category,conf,x,y,w,h,failure,species,species_common_name,species_score\r\n"
                + "a.jpg,,,,,,,,,,\r\n"
                + "b.jpg,animal,0.9,0.0,0.25,0.5,0.75,,,,\r\n"
                + "b.jpg,vehicle,0.0052,0.1,0.1,0.0001,1.0,,,,\r\n"
                + "c.jpg,,,,,,,inference failure,,,\r\n");
  }

  @Test
  void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
    assertThat(ResultsCsv.quote("plain/name.jpg")).isEqualTo("plain/name.jpg");
    assertThat(ResultsCsv.quote("a,b.jpg")).isEqualTo("\"a,b.jpg\"");
    assertThat(ResultsCsv.quote("say \"hi\".jpg")).isEqualTo("\"say \"\"hi\"\".jpg\"");
    assertThat(ResultsCsv.quote("line\nbreak")).isEqualTo("\"line\nbreak\"");
  }

  @Test
  void theImagesArrayMayComeAfterOtherKeysAndUnicodeNamesSurvive() throws IOException {
    String json =
        "{\"info\": {\"format_version\": \"1.6\"}, \"detection_categories\": {\"1\": \"animal\"},"
            + " \"images\": [{\"file\": \"caf\\u00e9/\\u00fc.jpg\", \"detections\": []}]}";
    assertThat(csv(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(
            "file,category,conf,x,y,w,h,failure,species,species_common_name,species_score\r\n"
                + "café/ü.jpg,,,,,,,,,,\r\n");
  }

  @Test
  void fileNamesThatASpreadsheetWouldRunAsFormulasAreNeutralisedAndStillQuoted()
      throws IOException {
    BatchResults results =
        BatchResults.of(
            List.of(
                ImageResult.success("=HYPERLINK(\"http://evil.example\",\"click\").jpg", List.of()),
                ImageResult.success("+1.jpg", List.of()),
                ImageResult.success("-2+3.jpg", List.of()),
                ImageResult.success("@SUM(A1).jpg", List.of()),
                ImageResult.success("\tx.jpg", List.of()),
                ImageResult.success("\rx.jpg", List.of()),
                ImageResult.success("=cmd|' /C calc'!A0/IMG 1.jpg", List.of()),
                ImageResult.success("cam1/=not-first.jpg", List.of()),
                ImageResult.success(
                    "@cam2/a.jpg", List.of(new Detection("1", 0.5, List.of(0.0, 0.0, 0.5, 0.5)))),
                ImageResult.failure("-f.jpg", ImageResult.FAILURE_INFERENCE)),
            new ResultsInfo("2025-01-01 00:00:00", "1.6", "md_v5a.0.0.pt", Map.of()));
    assertThat(csv(ResultsJson.toBytes(results)).split("\r\n", -1))
        .containsExactly(
            "file,category,conf,x,y,w,h,failure,species,species_common_name,species_score",
            "'\tx.jpg,,,,,,,,,,",
            "\"'\rx.jpg\",,,,,,,,,,",
            "'+1.jpg,,,,,,,,,,",
            "'-2+3.jpg,,,,,,,,,,",
            "'-f.jpg,,,,,,,inference failure,,,",
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\").jpg\",,,,,,,,,,",
            "'=cmd|' /C calc'!A0/IMG 1.jpg,,,,,,,,,,",
            "'@SUM(A1).jpg,,,,,,,,,,",
            "'@cam2/a.jpg,animal,0.5,0.0,0.0,0.5,0.5,,,,",
            "cam1/=not-first.jpg,,,,,,,,,,",
            "");
  }

  @Test
  void onlyDetectionsAtOrAboveTheThresholdAreWrittenAndAnImageLeftWithoutAnyGetsItsEmptyRow()
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultsCsv.write(
        new ByteArrayInputStream(ExportFixtures.season()),
        out,
        io.biotrack.results.DetectionFilter.atLeast(0.3));
    assertThat(out.toString(StandardCharsets.UTF_8).split("\r\n", -1))
        .containsExactly(
            "file,category,conf,x,y,w,h,failure,species,species_common_name,species_score",
            "site A/cam1/IMG_0001.JPG,animal,0.912,0.1,0.2,0.3,0.4,,,,",
            "site A/cam1/IMG_0001.JPG,animal,0.3,0.1,0.2,0.3,0.4,,,,",
            "site A/cam1/IMG_0002.JPG,,,,,,,,,,",
            "\"site A/cam2/=SUM(1,2).jpg\",person,0.8,0.1,0.2,0.3,0.4,,,,",
            "\"site A/cam2/=SUM(1,2).jpg\",animal,0.6,0.1,0.2,0.3,0.4,,,,",
            "top.jpg,,,,,,,image access failure,,,",
            "");
  }

  @Test
  void aClassifiedDetectionGetsItsTopClassificationsLabelCommonNameAndScoreNeutralisedLikeNames()
      throws IOException {
    byte[] json = ExportFixtures.classified();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultsCsv.write(
        new ByteArrayInputStream(json),
        out,
        io.biotrack.results.DetectionFilter.atLeast(0.1),
        io.biotrack.results.ClassificationNames.read(new ByteArrayInputStream(json)));
    assertThat(out.toString(StandardCharsets.UTF_8).split("\r\n", -1))
        .containsExactly(
            "file,category,conf,x,y,w,h,failure,species,species_common_name,species_score",
            "cam1/a.jpg,animal,0.9,0.1,0.2,0.3,0.4,,"
                + "uuid-fox;mammalia;carnivora;canidae;vulpes;vulpes;red fox,red fox,0.91",
            // a genus: the taxonomy has no common name
            "cam1/a.jpg,animal,0.4,0.1,0.2,0.3,0.4,,uuid-vulpes;mammalia;carnivora;canidae;vulpes;;,,0.7",
            "cam1/b.jpg,animal,0.3,0.1,0.2,0.3,0.4,,,,", // detected, not classified
            "cam1/c.jpg,,,,,,,,,,",
            "");
  }

  @Test
  void withoutTheCategoryNamesTheSpeciesColumnShowsTheCategoryId() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultsCsv.write(
        new ByteArrayInputStream(ExportFixtures.classified()),
        out,
        io.biotrack.results.DetectionFilter.atLeast(0.5));
    assertThat(out.toString(StandardCharsets.UTF_8).split("\r\n"))
        .contains("cam1/a.jpg,animal,0.9,0.1,0.2,0.3,0.4,,0,,0.91");
  }

  @Test
  void somethingThatIsNotResultsIsAnError() {
    assertThatThrownBy(() -> csv("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }

  private static String csv(byte[] json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultsCsv.write(new ByteArrayInputStream(json), out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
