package io.biotrack.reuse;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Pattern;

/**
 * A job's content index: for every photo, the SHA-256 of its bytes and its results entry, one line
 * each, <em>sorted by digest</em>:
 *
 * <pre>
 * {64 lower-case hex digits} {the entry as one line of JSON}\n
 * </pre>
 *
 * Sorted lines make every operation a stream with bounded memory, whatever the job's size: a shard
 * writes its part sorted (its photos fit in memory, {@code shardSize} at most), the parts join into
 * the job's index by a k-way merge (one line per part in memory), and a later job's shard looks its
 * photos up by a merge-join of its own sorted digests against the index (one line of the index in
 * memory). Lower-case hex sorts the same as text and as bytes, so the order is plain {@link String}
 * order.
 *
 * <p>It is a file of its own beside {@code results.json} rather than a field in the results entries
 * because the results merge copies entries byte for byte (nothing to strip), and because the
 * digests of a tenant's photos are internal: they are never in a file the tenant downloads.
 */
public final class ContentIndex {
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  private ContentIndex() {}

  /** One photo: its content digest and its results entry. */
  public record Line(String sha256, ImageResult entry) {
    public Line {
      if (sha256 == null || !DIGEST.matcher(sha256).matches()) {
        throw new IllegalArgumentException("a content digest is 64 lower-case hex digits");
      }
    }
  }

  /** The digest a photo is known by: SHA-256 of its bytes, lower-case hex. */
  public static String sha256(byte[] content) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** Writes {@code lines} sorted by digest (a shard's part; its lines fit in memory). */
  public static void writeSorted(List<Line> lines, OutputStream out) {
    List<Line> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparing(Line::sha256));
    try {
      Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      for (Line line : sorted) {
        write(line, writer);
      }
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Joins sorted parts into one sorted index, streaming: one line of each part in memory. Equal
   * digests (the same photo uploaded twice under two names) are all kept; a lookup takes the first.
   */
  public static void merge(List<InputStream> parts, OutputStream out) {
    try {
      Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      List<BufferedReader> readers = new ArrayList<>();
      for (InputStream part : parts) {
        readers.add(new BufferedReader(new InputStreamReader(part, StandardCharsets.UTF_8)));
      }
      record Head(String text, int part) {}
      PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::text));
      for (int i = 0; i < readers.size(); i++) {
        String first = readers.get(i).readLine();
        if (first != null) {
          heads.add(new Head(first, i));
        }
      }
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        writer.write(head.text());
        writer.write('\n');
        String next = readers.get(head.part()).readLine();
        if (next != null) {
          heads.add(new Head(next, head.part()));
        }
      }
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The entries of the photos in {@code wanted} (digest to the photo's name in the new job) that
   * the index has, renamed to the new names: a merge-join of the sorted wanted digests against the
   * sorted index, reading the index once, keeping one of its lines in memory.
   *
   * @return the new name to the reused entry (the entry as it was, under the new name)
   */
  public static Map<String, ImageResult> lookUp(
      Map<String, List<String>> wanted, InputStream index) {
    List<String> digests = new ArrayList<>(wanted.keySet());
    digests.sort(Comparator.naturalOrder());
    Map<String, ImageResult> found = new HashMap<>();
    try {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
      int at = 0;
      String line;
      while (at < digests.size() && (line = reader.readLine()) != null) {
        if (line.length() < 66 || line.charAt(64) != ' ') {
          throw new IllegalStateException(
              "the content index has a line that is not 'digest entry'");
        }
        String digest = line.substring(0, 64);
        while (at < digests.size() && digests.get(at).compareTo(digest) < 0) {
          at++;
        }
        if (at < digests.size() && digests.get(at).equals(digest)) {
          ImageResult entry = ResultsJson.mapper().readValue(line.substring(65), ImageResult.class);
          for (String name : wanted.get(digest)) {
            found.put(name, renamed(entry, name));
          }
          at++; // equal digests further on: the first is taken
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static ImageResult renamed(ImageResult entry, String file) {
    return new ImageResult(
        file,
        entry.failure(),
        entry.detections(),
        entry.maxDetectionConf(),
        entry.prediction(),
        entry.predictionScore(),
        entry.predictionSource());
  }

  private static void write(Line line, Writer writer) throws IOException {
    try {
      writer.write(line.sha256());
      writer.write(' ');
      // The mapper writes one line (no indentation), floats as MegaDetector writes them.
      writer.write(ResultsJson.mapper().writeValueAsString(line.entry()));
      writer.write('\n');
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
