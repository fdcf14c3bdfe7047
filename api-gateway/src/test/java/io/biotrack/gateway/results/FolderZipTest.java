package io.biotrack.gateway.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.results.DetectionFilter;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class FolderZipTest {
  /** Entry name → content of the zip written for the season at {@code threshold}. */
  private static Map<String, String> zip(byte[] json, double threshold, FolderZip.Photos photos)
      throws IOException {
    return zip(json, DetectionFilter.atLeast(threshold), photos);
  }

  private static Map<String, String> zip(
      byte[] json, DetectionFilter filter, FolderZip.Photos photos) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FolderZip.write(new ByteArrayInputStream(json), out, filter, photos);
    Map<String, String> entries = new LinkedHashMap<>();
    try (ZipInputStream in =
        new ZipInputStream(new ByteArrayInputStream(out.toByteArray()), StandardCharsets.UTF_8)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  private static FolderZip.Photos bytesOfName() {
    return file -> new ByteArrayInputStream(("photo " + file).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyPhotoOnceUnderTheFolderOfItsCategoriesWithItsPathKept() throws IOException {
    assertThat(zip(ExportFixtures.season(), 0.2, bytesOfName()))
        .containsExactly(
            Map.entry("animal/site A/cam1/IMG_0001.JPG", "photo site A/cam1/IMG_0001.JPG"),
            Map.entry("empty/site A/cam1/IMG_0002.JPG", "photo site A/cam1/IMG_0002.JPG"),
            Map.entry("animal_person/site A/cam2/=SUM(1,2).jpg", "photo site A/cam2/=SUM(1,2).jpg"),
            Map.entry("processing_failure/top.jpg", "photo top.jpg"));
  }

  @Test
  void aPhotoWhoseOnlyDetectionsAreConfirmedRepeatsIsEmpty() throws IOException {
    // As ConfirmedRepeats sets aside cam1's animals (a rock at one place): IMG_0001 keeps nothing.
    DetectionFilter rockLeftOut =
        new DetectionFilter(
            0.2, (file, d) -> file.startsWith("site A/cam1/") && d.category().equals("1"));
    assertThat(zip(ExportFixtures.season(), rockLeftOut, bytesOfName()).keySet())
        .containsExactly(
            "empty/site A/cam1/IMG_0001.JPG",
            "empty/site A/cam1/IMG_0002.JPG",
            "animal_person/site A/cam2/=SUM(1,2).jpg",
            "processing_failure/top.jpg");
  }

  @Test
  void theThresholdMovesPhotos() throws IOException {
    assertThat(zip(ExportFixtures.season(), 0.01, bytesOfName()).keySet())
        .containsExactly(
            "animal_person/site A/cam1/IMG_0001.JPG",
            "vehicle/site A/cam1/IMG_0002.JPG",
            "animal_person/site A/cam2/=SUM(1,2).jpg",
            "processing_failure/top.jpg");
    assertThat(zip(ExportFixtures.season(), 0.95, bytesOfName()).keySet())
        .containsExactly(
            "empty/site A/cam1/IMG_0001.JPG",
            "empty/site A/cam1/IMG_0002.JPG",
            "empty/site A/cam2/=SUM(1,2).jpg",
            "processing_failure/top.jpg");
  }

  @Test
  void photosNoLongerStoredAreNamedInALastEntry() throws IOException {
    FolderZip.Photos someGone =
        file -> {
          if (file.contains("cam1")) {
            throw new BlobNotFoundException(BlobContainer.UPLOADS, file);
          }
          return new ByteArrayInputStream(new byte[] {1});
        };
    Map<String, String> entries = zip(ExportFixtures.season(), 0.2, someGone);
    assertThat(entries.keySet())
        .containsExactly(
            "animal_person/site A/cam2/=SUM(1,2).jpg",
            "processing_failure/top.jpg",
            FolderZip.MISSING);
    assertThat(entries.get(FolderZip.MISSING))
        .startsWith("2 photo(s)")
        .contains("site A/cam1/IMG_0001.JPG\n", "site A/cam1/IMG_0002.JPG\n");
  }
}
