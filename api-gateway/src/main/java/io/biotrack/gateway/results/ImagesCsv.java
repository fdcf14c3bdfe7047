package io.biotrack.gateway.results;

import io.biotrack.results.ClassificationNames;
import io.biotrack.results.DetectionCategory;
import io.biotrack.results.DetectionFilter;
import io.biotrack.results.ImageCategories;
import io.biotrack.results.ImageEntries;
import io.biotrack.results.ImageResult;
import io.biotrack.results.PhotoFolders;
import io.biotrack.results.ResultsJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * MegaDetector batch output as one CSV row per photo (RFC 4180, UTF-8, CRLF): {@code file,folder},
 * then per category the number of detections kept and the highest confidence among them (empty when
 * none), then {@code failure}. A failed photo has its counts empty. Text cells go through {@link
 * ResultsCsv#text} like the detections CSV. Streams: one image entry in memory at a time.
 *
 * <p>After {@code failure}: the species ensemble's decision for the photo, {@code prediction}
 * (SpeciesNet's label, {@link ClassificationNames#label}), {@code prediction_common_name} (when the
 * taxonomy has one) and {@code prediction_score}; empty without a classifier. The decision is the
 * ensemble's whatever the threshold (it is one per photo, made by SpeciesNet's rules).
 */
public final class ImagesCsv {
  public static final String HEADER = header();

  private ImagesCsv() {}

  /**
   * @throws IOException if {@code json} is not a MegaDetector results file
   */
  public static void write(InputStream json, OutputStream out, DetectionFilter filter)
      throws IOException {
    write(json, out, filter, ClassificationNames.NONE);
  }

  /**
   * @param species the file's classification categories ({@link ClassificationNames#read})
   * @throws IOException if {@code json} is not a MegaDetector results file
   */
  public static void write(
      InputStream json, OutputStream out, DetectionFilter filter, ClassificationNames species)
      throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    writer.write(HEADER);
    writer.write("\r\n");
    try (ImageEntries images = ImageEntries.of(json)) {
      while (images.hasNext()) {
        writeImage(ImageCategories.of(images.next(), filter), species, writer);
      }
    }
    writer.flush();
  }

  private static void writeImage(ImageCategories photo, ClassificationNames species, Writer out)
      throws IOException {
    ImageResult image = photo.image();
    List<String> row = new ArrayList<>();
    row.add(ResultsCsv.text(image.file()));
    row.add(ResultsCsv.text(PhotoFolders.of(image.file())));
    for (DetectionCategory category : DetectionCategory.values()) {
      if (photo.failed()) {
        row.add("");
        row.add("");
        continue;
      }
      row.add(Integer.toString(photo.count(category)));
      Double max = photo.maxConf(category);
      row.add(max == null ? "" : ResultsJson.pythonFloat(max));
    }
    row.add(image.failure() == null ? "" : ResultsCsv.text(image.failure()));
    String prediction = image.prediction();
    row.add(prediction == null ? "" : ResultsCsv.text(species.label(prediction)));
    row.add(prediction == null ? "" : ResultsCsv.text(species.commonName(prediction)));
    row.add(
        prediction == null || image.predictionScore() == null
            ? ""
            : ResultsJson.pythonFloat(image.predictionScore()));
    ResultsCsv.row(out, row.toArray(String[]::new));
  }

  private static String header() {
    StringBuilder header = new StringBuilder("file,folder");
    for (DetectionCategory category : DetectionCategory.values()) {
      header.append(',').append(category.label()).append("_count");
      header.append(',').append(category.label()).append("_max_conf");
    }
    return header.append(",failure,prediction,prediction_common_name,prediction_score").toString();
  }
}
