package io.biotrack.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Joins the results files of a job's shards into the job's one results file, streaming: one shard's
 * file is in memory at a time, whatever the job's size.
 *
 * <p>Each shard's file is a MegaDetector file of its own, written by {@link ResultsJson}; the
 * shards are consecutive ranges of a manifest sorted by name, so the job's images, in name order,
 * are the shards' images one shard after the other. The join copies each shard's image entries byte
 * for byte (their text is exactly what {@link ResultsJson} writes at that depth) and writes the
 * whole file the way {@link ResultsJson} writes one {@link BatchResults}: the same bytes as writing
 * all images at once, without parsing or re-formatting a single number. The {@code info} block is
 * the shards' (they ran the same model), with the latest completion time.
 */
public final class ResultsMerger {
  private static final byte[] IMAGES_OPEN = "{\n \"images\": [".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] IMAGES_CLOSE =
      "\n ],\n \"detection_categories\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_IMAGES =
      "{\n \"images\": [],\n \"detection_categories\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COMMA = {','};

  private final BlobStore blobs;

  public ResultsMerger(BlobStore blobs) {
    this.blobs = blobs;
  }

  /**
   * Writes {@code target} from {@code parts}, in that order.
   *
   * @return how many images the merged file holds
   * @throws IllegalStateException if a part is missing or not a results file of this shape
   */
  public long merge(List<String> parts, String target) {
    Parts source = new Parts(parts);
    blobs.put(BlobContainer.RESULTS, target, new SequenceInputStream(source), Long.MAX_VALUE);
    return source.images;
  }

  /** The merged file as a sequence of streams, each made when the reader gets to it. */
  private final class Parts implements Enumeration<InputStream> {
    private final List<String> names;
    private int next = -1; // -1: the opening; names.size(): the closing; then done
    private boolean anyImages;
    private long images;
    private JsonNode categories;
    private JsonNode info;
    private String latestTime;
    // Shards of one job share the classifier, whose category ids are fixed by its labels file
    // (ClassificationCategoryIds): the union of the parts' categories is the job's.
    private Map<String, String> classNames;
    private Map<String, String> classDescriptions;
    private String latestClassificationTime;

    Parts(List<String> names) {
      this.names = names;
    }

    @Override
    public boolean hasMoreElements() {
      return next <= names.size();
    }

    @Override
    public InputStream nextElement() {
      if (!hasMoreElements()) {
        throw new NoSuchElementException();
      }
      int index = next++;
      if (index == -1) {
        return new ByteArrayInputStream(IMAGES_OPEN);
      }
      if (index == names.size()) {
        return new ByteArrayInputStream(closing());
      }
      return entries(names.get(index));
    }

    /** The part's image entries, each starting with a line break; a comma between parts. */
    private InputStream entries(String name) {
      byte[] part = read(name);
      if (startsWith(part, NO_IMAGES, 0)) {
        readTail(name, part, NO_IMAGES.length - "\"detection_categories\"".length());
        return InputStream.nullInputStream();
      }
      if (!startsWith(part, IMAGES_OPEN, 0)) {
        throw new IllegalStateException(name + " is not a results file");
      }
      // The array's end is near the end of the file: only the categories and the info follow.
      int close = lastIndexOf(part, IMAGES_CLOSE);
      if (close < IMAGES_OPEN.length) {
        throw new IllegalStateException(name + " is not a results file");
      }
      readTail(name, part, close + IMAGES_CLOSE.length - "\"detection_categories\"".length());
      int from = IMAGES_OPEN.length;
      int length = close - from;
      images += count(part, from, close);
      // The entries are copied as they are, straight from the part's bytes.
      InputStream slice = new ByteArrayInputStream(part, from, length);
      boolean comma = anyImages && length > 0;
      anyImages |= length > 0;
      return comma ? new SequenceInputStream(new ByteArrayInputStream(COMMA), slice) : slice;
    }

    /** {@code "detection_categories": …, "info": …}: kept from the parts for the closing. */
    private void readTail(String name, byte[] part, int tail) {
      try {
        byte[] object = new byte[part.length - tail + 1];
        object[0] = '{';
        System.arraycopy(part, tail, object, 1, part.length - tail);
        JsonNode node = ResultsJson.mapper().readTree(object);
        categories = node.path("detection_categories");
        JsonNode partInfo = node.path("info");
        String time = partInfo.path("detection_completion_time").asText("");
        if (info == null || time.compareTo(latestTime) > 0) {
          latestTime = time;
        }
        if (info == null) {
          info = partInfo;
        }
        String classified = partInfo.path("classification_completion_time").asText("");
        if (latestClassificationTime == null
            || classified.compareTo(latestClassificationTime) > 0) {
          latestClassificationTime = classified;
        }
        classNames = union(classNames, node.get("classification_categories"));
        classDescriptions =
            union(classDescriptions, node.get("classification_category_descriptions"));
      } catch (IOException e) {
        throw new IllegalStateException(name + " has an unreadable tail", e);
      }
    }

    private static Map<String, String> union(Map<String, String> sofar, JsonNode categories) {
      if (categories == null || categories.isNull()) {
        return sofar;
      }
      Map<String, String> all = sofar == null ? new LinkedHashMap<>() : sofar;
      categories.fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue().asText()));
      return all;
    }

    private byte[] closing() {
      if (info == null) {
        throw new IllegalStateException("no results to merge");
      }
      Map<String, String> detectionCategories = new LinkedHashMap<>();
      categories
          .fields()
          .forEachRemaining(e -> detectionCategories.put(e.getKey(), e.getValue().asText()));
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata =
          info.has("detector_metadata")
              ? ResultsJson.mapper()
                  .convertValue(info.get("detector_metadata"), LinkedHashMap.class)
              : null;
      @SuppressWarnings("unchecked")
      Map<String, Object> inference =
          info.has("inference")
              ? ResultsJson.mapper().convertValue(info.get("inference"), LinkedHashMap.class)
              : null;
      ResultsInfo merged =
          new ResultsInfo(
              latestTime,
              info.path("format_version").asText(ResultsInfo.FORMAT_VERSION),
              info.hasNonNull("detector") ? info.get("detector").asText() : null,
              metadata,
              inference);
      if (info.hasNonNull("classifier")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> classifierMetadata =
            info.has("classifier_metadata")
                ? ResultsJson.mapper()
                    .convertValue(info.get("classifier_metadata"), LinkedHashMap.class)
                : null;
        merged =
            merged.withClassifier(
                info.get("classifier").asText(),
                latestClassificationTime == null || latestClassificationTime.isEmpty()
                    ? null
                    : latestClassificationTime,
                classifierMetadata);
      }
      byte[] whole =
          ResultsJson.toBytes(
              new BatchResults(
                  List.of(), detectionCategories, classNames, classDescriptions, merged));
      // ResultsJson writes "images": [] for no images; after entries the array closes on its
      // own line, exactly as it writes a non-empty array.
      int tail = NO_IMAGES.length - "\"detection_categories\"".length();
      byte[] rest = new byte[whole.length - tail];
      System.arraycopy(whole, tail, rest, 0, rest.length);
      byte[] close =
          anyImages
              ? "\n ],\n ".getBytes(StandardCharsets.US_ASCII)
              : "],\n ".getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[close.length + rest.length];
      System.arraycopy(close, 0, out, 0, close.length);
      System.arraycopy(rest, 0, out, close.length, rest.length);
      return out;
    }

    private byte[] read(String name) {
      try (InputStream in = blobs.open(BlobContainer.RESULTS, name)) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name, e);
      }
    }
  }

  /**
   * Image entries between {@code from} and {@code to}: each starts a line with two spaces and '{'.
   */
  private static long count(byte[] part, int from, int to) {
    long n = 0;
    for (int i = from; i < to - 3; i++) {
      if (part[i] == '\n' && part[i + 3] == '{' && part[i + 1] == ' ' && part[i + 2] == ' ') {
        n++;
      }
    }
    return n;
  }

  private static int lastIndexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = data.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean startsWith(byte[] data, byte[] prefix, int at) {
    if (data.length - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
