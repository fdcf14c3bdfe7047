package io.biotrack.adapter.azure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.biotrack.files.FileNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The file list of one attempt at one shard: a read URL for each file of the shard, in a blob the
 * operator writes next to the shard's outputs ({@code
 * {jobId}/shards/{shard}/access-{attempt}.json}) and the worker reads through the {@code files} URL
 * of its {@link JobAccess}:
 *
 * <pre>{@code
 * {"version":2, "jobId":"…", "shard":3, "attempt":1,
 *  "files": {"cam1/IMG_0001.JPG": {"read": "{read URL of uploads/{jobId}/cam1/IMG_0001.JPG}",
 *                                  "thumbnail": "{create+write URL of
 *                                                 results/{jobId}/thumbnails/cam1/IMG_0001.JPG}"},
 *            "cam1/IMG_0002.JPG": "{read URL}", …}}
 * }</pre>
 *
 * A file's value is its read URL alone, or an object with its read URL and the write URL of its
 * thumbnail ({@link io.biotrack.storage.BlobNames#thumbnail}): Azure's SAS cannot grant a blob
 * prefix on a flat namespace, so the job's thumbnails are granted one blob at a time, like the
 * files, and a worker can write the thumbnails of its own shard's photos and nothing else. About
 * 350 bytes a file, 700 with its thumbnail: 70 MB for a shard of 100,000 files, written and read as
 * a stream.
 */
public final class FileGrants {
  public static final int VERSION = 2;
  private static final JsonFactory FACTORY = new JsonFactory();

  private FileGrants() {}

  /** Writes a file list entry by entry. */
  public static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonGenerator out;
    private int count;

    public Writer(String jobId, int shard, int attempt) {
      try {
        out = FACTORY.createGenerator(bytes);
        out.writeStartObject();
        out.writeNumberField("version", VERSION);
        out.writeStringField("jobId", jobId);
        out.writeNumberField("shard", shard);
        out.writeNumberField("attempt", attempt);
        out.writeObjectFieldStart("files");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public Writer add(String file, URI read) {
      try {
        out.writeStringField(FileNames.validate(file), read.toString());
        count++;
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A file with the write URL of its thumbnail. */
    public Writer add(String file, URI read, URI thumbnail) {
      try {
        out.writeObjectFieldStart(FileNames.validate(file));
        out.writeStringField("read", read.toString());
        out.writeStringField("thumbnail", thumbnail.toString());
        out.writeEndObject();
        count++;
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public int count() {
      return count;
    }

    public byte[] toBytes() {
      try {
        out.writeEndObject();
        out.writeEndObject();
        out.close();
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What one file's entry grants: its read URL, and its thumbnail's write URL (or null). */
  public record Grant(String read, String thumbnail) {}

  /**
   * Reads a file list, checking that it is the one of {@code jobId}'s shard {@code shard}.
   *
   * @return each file's read URL, by file name
   * @throws IllegalArgumentException for a list of another shard, or text this class did not write
   *     (the message never quotes a URL)
   */
  public static Map<String, String> read(InputStream in, String jobId, int shard)
      throws IOException {
    Map<String, String> reads = new HashMap<>();
    readGrants(in, jobId, shard).forEach((file, grant) -> reads.put(file, grant.read()));
    return reads;
  }

  /**
   * {@link #read}, with each file's thumbnail grant.
   *
   * @return each file's grants, by file name
   */
  public static Map<String, Grant> readGrants(InputStream in, String jobId, int shard)
      throws IOException {
    Map<String, Grant> files = new HashMap<>();
    String listJob = null;
    int listShard = -1;
    int version = -1;
    try (JsonParser parser = FACTORY.createParser(in)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "version" -> version = parser.getIntValue();
          case "jobId" -> listJob = parser.getText();
          case "shard" -> listShard = parser.getIntValue();
          case "files" -> {
            expect(value, JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String file = parser.currentName();
              files.put(file, grant(parser, parser.nextToken()));
            }
          }
          default -> parser.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the shard's file list is not JSON (line " + e.getLocation().getLineNr() + ")");
    }
    if (version != VERSION || !jobId.equals(listJob) || listShard != shard) {
      throw new IllegalArgumentException(
          "the file list is not the version "
              + VERSION
              + " list of job "
              + jobId
              + " shard "
              + shard);
    }
    return files;
  }

  private static Grant grant(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return new Grant(parser.getText(), null);
    }
    expect(value, JsonToken.START_OBJECT);
    String read = null;
    String thumbnail = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      expect(parser.nextToken(), JsonToken.VALUE_STRING);
      switch (field) {
        case "read" -> read = parser.getText();
        case "thumbnail" -> thumbnail = parser.getText();
        default -> {}
      }
    }
    if (read == null) {
      throw new IllegalArgumentException("the shard's file list is malformed");
    }
    return new Grant(read, thumbnail);
  }

  private static void expect(JsonToken found, JsonToken wanted) {
    if (found != wanted) {
      throw new IllegalArgumentException("the shard's file list is malformed");
    }
  }
}
