package io.biotrack.gateway.results;

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
 * MegaDetector batch output as one CSV row per photo (RFC 4180, UTF-8, CRLF): {@code
 * file,folder}, then per category the number of detections kept and the highest confidence among
 * them (empty when none), then {@code failure}. A failed photo has its counts empty. Text cells go
 * through {@link ResultsCsv#text} like the detections CSV. Streams: one image entry in memory at a
 * time.
 */
public final class ImagesCsv {
  public static final String HEADER = header();

  private ImagesCsv() {}

  /** @throws IOException if {@code json} is not a MegaDetector results file */
  public static void write(InputStream json, OutputStream out, DetectionFilter filter)
      throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    writer.write(HEADER);
    writer.write("\r\n");
    try (ImageEntries images = ImageEntries.of(json)) {
      while (images.hasNext()) {
        writeImage(ImageCategories.of(images.next(), filter), writer);
      }
    }
    writer.flush();
  }

  private static void writeImage(ImageCategories photo, Writer out) throws IOException {
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
    ResultsCsv.row(out, row.toArray(String[]::new));
  }

  private static String header() {
    StringBuilder header = new StringBuilder("file,folder");
    for (DetectionCategory category : DetectionCategory.values()) {
      header.append(',').append(category.label()).append("_count");
      header.append(',').append(category.label()).append("_max_conf");
    }
    return header.append(",failure").toString();
  }
}
