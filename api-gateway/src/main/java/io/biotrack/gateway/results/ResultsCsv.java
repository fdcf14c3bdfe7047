package io.biotrack.gateway.results;

import io.biotrack.results.ClassScore;
import io.biotrack.results.ClassificationNames;
import io.biotrack.results.Detection;
import io.biotrack.results.DetectionCategory;
import io.biotrack.results.DetectionFilter;
import io.biotrack.results.ImageEntries;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * MegaDetector batch output as CSV (RFC 4180): one row per detection with {@code
 * file,category,conf,x,y,w,h,failure}; an image without detections gets one row with the detection
 * columns empty, a failed image one row with its {@code failure}. Text cells that a spreadsheet
 * would run as a formula are neutralised ({@link #text}). Streams: one image entry in memory at a
 * time. Only the detections a {@link DetectionFilter} keeps are written (an image whose every
 * detection is left out gets the row of an image without detections).
 *
 * <p>Species columns (after {@code failure}, so that readers of the columns before keep working): a
 * classified detection's top classification as {@code species} (SpeciesNet's label, {@link
 * ClassificationNames#label}), {@code species_common_name} (when the taxonomy has one) and {@code
 * species_score}; empty for a detection nobody classified.
 */
public final class ResultsCsv {
  public static final String HEADER =
      "file,category,conf,x,y,w,h,failure,species,species_common_name,species_score";

  private ResultsCsv() {}

  /** Every detection of the file. @throws IOException if {@code json} is not a results file */
  public static void write(InputStream json, OutputStream out) throws IOException {
    write(json, out, DetectionFilter.atLeast(0), ClassificationNames.NONE);
  }

  /** Without species names: a classification's column shows its category id. */
  public static void write(InputStream json, OutputStream out, DetectionFilter filter)
      throws IOException {
    write(json, out, filter, ClassificationNames.NONE);
  }

  /**
   * @param species the file's classification categories ({@link ClassificationNames#read}, a pass
   *     of its own since they follow the images)
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
        ImageResult image = images.next();
        writeImage(image, filter.kept(image), species, writer);
      }
    }
    writer.flush();
  }

  private static void writeImage(
      ImageResult image, List<Detection> detections, ClassificationNames species, Writer out)
      throws IOException {
    if (detections.isEmpty()) {
      row(
          out,
          text(image.file()),
          "",
          "",
          "",
          "",
          "",
          "",
          image.failure() == null ? "" : text(image.failure()),
          "",
          "",
          "");
      return;
    }
    for (Detection d : detections) {
      List<Double> box = d.bbox();
      ClassScore top =
          d.classifications() == null || d.classifications().isEmpty()
              ? null
              : d.classifications().get(0);
      row(
          out,
          text(image.file()),
          text(label(d.category())),
          ResultsJson.pythonFloat(d.conf()),
          ResultsJson.pythonFloat(box.get(0)),
          ResultsJson.pythonFloat(box.get(1)),
          ResultsJson.pythonFloat(box.get(2)),
          ResultsJson.pythonFloat(box.get(3)),
          "",
          top == null ? "" : text(species.label(top.category())),
          top == null ? "" : text(species.commonName(top.category())),
          top == null ? "" : ResultsJson.pythonFloat(top.conf()));
    }
  }

  static String label(String categoryId) {
    try {
      return DetectionCategory.ofId(categoryId).label();
    } catch (IllegalArgumentException unknown) {
      return categoryId;
    }
  }

  static void row(Writer out, String... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(fields[i]));
    }
    out.write("\r\n");
  }

  /**
   * A text cell made inert for spreadsheets (OWASP "CSV injection"): a cell that begins with {@code
   * = + - @}, a tab or a carriage return would be read by Excel, LibreOffice or Sheets as a formula
   * ({@code =HYPERLINK(…)}, {@code @SUM(…)}, DDE), so it gets a leading {@code '}, which they show
   * as text and do not display. File names are user input; numbers never pass here.
   */
  static String text(String cell) {
    if (cell.isEmpty()) {
      return cell;
    }
    return switch (cell.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
      default -> cell;
    };
  }

  /** RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled. */
  static String quote(String field) {
    boolean needsQuotes =
        field.indexOf(',') >= 0
            || field.indexOf('"') >= 0
            || field.indexOf('\n') >= 0
            || field.indexOf('\r') >= 0;
    return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
