package io.biotrack.gateway.results;

import io.biotrack.results.DetectionFilter;
import io.biotrack.results.ImageCategories;
import io.biotrack.results.ImageEntries;
import io.biotrack.results.ImageResult;
import io.biotrack.storage.BlobNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A job's photos in a zip, each once, under a top folder named for what it holds at the threshold
 * ({@link ImageCategories#folder()}: {@code animal}, {@code animal_person}, …, {@code empty},
 * {@code processing_failure}) with its relative path kept below it, as MegaDetector's {@code
 * separate_detections_into_folders} copies them. Streams: one results entry and one photo's copy
 * buffer at a time, so a 100,000-photo job needs no more memory than one photo.
 *
 * <p>Photos are written at compression level 0 (JPEGs do not shrink; deflating them would only cost
 * the gateway CPU); the zip switches to Zip64 by itself past 4 GB or 65,535 entries. A photo whose
 * upload is gone is left out and named in a last entry, {@link #MISSING}, since the response has
 * long started by then.
 */
public final class FolderZip {
  public static final String MISSING = "missing-files.txt";

  /** Names listed in {@link #MISSING} at most; the count is always exact. */
  static final int MISSING_LISTED = 1_000;

  /** A photo's bytes by its name in the results. */
  @FunctionalInterface
  public interface Photos {
    /**
     * @throws BlobNotFoundException if the photo is gone
     */
    InputStream open(String file);
  }

  private FolderZip() {}

  /**
   * @throws IOException if {@code json} is not a results file or {@code out} fails
   */
  public static void write(
      InputStream json, OutputStream out, DetectionFilter filter, Photos photos)
      throws IOException {
    List<String> missing = new ArrayList<>();
    long missingCount = 0;
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.setLevel(Deflater.NO_COMPRESSION);
    try (ImageEntries images = ImageEntries.of(json)) {
      while (images.hasNext()) {
        ImageResult image = images.next();
        String entry = ImageCategories.of(image, filter).folder() + "/" + image.file();
        InputStream photo;
        try {
          photo = photos.open(image.file());
        } catch (BlobNotFoundException gone) {
          missingCount++;
          if (missing.size() < MISSING_LISTED) {
            missing.add(image.file());
          }
          continue;
        }
        try (photo) {
          zip.putNextEntry(new ZipEntry(entry));
          photo.transferTo(zip);
          zip.closeEntry();
        }
      }
    }
    if (missingCount > 0) {
      zip.putNextEntry(new ZipEntry(MISSING));
      StringBuilder text =
          new StringBuilder(missingCount + " photo(s) of the results were no longer stored:\n");
      missing.forEach(name -> text.append(name).append('\n'));
      if (missingCount > missing.size()) {
        text.append("… and ").append(missingCount - missing.size()).append(" more\n");
      }
      zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
  }
}
