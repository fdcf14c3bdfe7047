package io.biotrack.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biotrack.files.FileOrder;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Manifests as blobs in the results container, next to the job's other outputs:
 *
 * <pre>
 * {jobId}/manifest/{manifestId}/page-000000.jsonl   one {"file","size","etag"} object per line
 * {jobId}/manifest/{manifestId}/page-000001.jsonl   ...
 * {jobId}/manifest/{manifestId}/manifest.json       the {@link Manifest} header, written last
 * </pre>
 *
 * A manifest exists once its header does, so a freeze cut short leaves nothing that reads as a
 * manifest. Pages are written once and never changed; any range of entries is read a page at a time
 * (a shard of a million-file job reads only its own pages).
 */
public final class ManifestStore {
  public static final int DEFAULT_PAGE_SIZE = 10_000;
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  /** Pushes the entries of a manifest to its argument; may be asked more than once. */
  @FunctionalInterface
  public interface Source {
    void forEach(Consumer<ManifestEntry> sink);
  }

  private final BlobStore blobs;
  private final int pageSize;

  public ManifestStore(BlobStore blobs) {
    this(blobs, DEFAULT_PAGE_SIZE);
  }

  public ManifestStore(BlobStore blobs, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
    this.blobs = blobs;
    this.pageSize = pageSize;
  }

  /**
   * Writes a manifest of the entries {@code source} gives, which are expected in code-point order
   * of their names (local listings always are; Azure's are for every name within the Basic
   * Multilingual Plane). Entries that come out of order make a second pass that sorts them in
   * memory: correct for any input, and needed only for such rare names.
   *
   * @throws IllegalArgumentException if a file name comes twice
   */
  public Manifest write(String jobId, String manifestId, Source source) {
    PageWriter pages = new PageWriter(jobId, manifestId);
    try {
      source.forEach(pages::add);
      return pages.finish();
    } catch (OutOfOrder outOfOrder) {
      List<ManifestEntry> all = new ArrayList<>();
      source.forEach(all::add);
      all.sort((a, b) -> FileOrder.compare(a.file(), b.file()));
      PageWriter sorted = new PageWriter(jobId, manifestId);
      all.forEach(sorted::add);
      return sorted.finish();
    }
  }

  /**
   * Freezes what the job's uploads are now: every blob under {@code uploads/{jobId}/}, with the
   * size and tag the listing gives, as manifest {@code manifestId}.
   */
  public Manifest freezeUploads(String jobId, String manifestId) {
    return write(
        jobId,
        manifestId,
        sink ->
            blobs.scan(
                BlobContainer.UPLOADS,
                BlobNames.jobPrefix(jobId),
                blob ->
                    sink.accept(
                        new ManifestEntry(
                            BlobNames.fileOf(jobId, blob.name()), blob.size(), blob.etag()))));
  }

  /** The manifest, if it was written whole. */
  public Optional<Manifest> find(String jobId, String manifestId) {
    String name = headerName(jobId, manifestId);
    try (InputStream in = blobs.open(BlobContainer.RESULTS, name)) {
      return Optional.of(parseHeader(JSON.readTree(in), jobId, manifestId));
    } catch (BlobNotFoundException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new ManifestNotFoundException(jobId, manifestId, e);
    }
  }

  /**
   * @throws ManifestNotFoundException if there is no such manifest
   */
  public Manifest get(String jobId, String manifestId) {
    return find(jobId, manifestId)
        .orElseThrow(() -> new ManifestNotFoundException(jobId, manifestId));
  }

  /** Entries {@code from} (0-based) to {@code from + count}, read a page at a time as iterated. */
  public Iterator<ManifestEntry> read(Manifest manifest, long from, long count) {
    if (from < 0 || count < 0 || from + count > manifest.count()) {
      throw new IllegalArgumentException(
          "entries "
              + from
              + " to "
              + (from + count)
              + " are outside a manifest of "
              + manifest.count());
    }
    return new RangeIterator(manifest, from, from + count);
  }

  /** All entries, in order. */
  public Iterator<ManifestEntry> read(Manifest manifest) {
    return read(manifest, 0, manifest.count());
  }

  /** The entry of {@code file}, reading only the one page that can hold it. */
  public Optional<ManifestEntry> lookup(Manifest manifest, String file) {
    int page = Collections.binarySearch(manifest.firstFiles(), file, FileOrder.CODE_POINTS);
    if (page < 0) {
      page = -page - 2; // the page whose first file comes before this one
    }
    if (page < 0) {
      return Optional.empty();
    }
    return readPage(manifest, page).stream().filter(e -> e.file().equals(file)).findFirst();
  }

  /**
   * The blobs a reader of entries {@code from} to {@code from + count} opens: the header, then the
   * pages that hold them (what a shard's worker must be allowed to read, and no more).
   */
  public List<String> blobsOf(Manifest manifest, long from, long count) {
    if (from < 0 || count < 0 || from + count > manifest.count()) {
      throw new IllegalArgumentException(
          "entries "
              + from
              + " to "
              + (from + count)
              + " are outside a manifest of "
              + manifest.count());
    }
    List<String> names = new ArrayList<>();
    names.add(headerName(manifest.jobId(), manifest.id()));
    if (count > 0) {
      int first = Math.toIntExact(from / manifest.pageSize());
      int last = Math.toIntExact((from + count - 1) / manifest.pageSize());
      for (int page = first; page <= last; page++) {
        names.add(pageName(manifest.jobId(), manifest.id(), page));
      }
    }
    return names;
  }

  /** Deletes every manifest of the job, written whole or not. @return blobs deleted */
  public int deleteAll(String jobId) {
    return blobs.deletePrefix(BlobContainer.RESULTS, prefix(jobId));
  }

  static String prefix(String jobId) {
    return BlobNames.jobPrefix(jobId) + "manifest/";
  }

  static String headerName(String jobId, String manifestId) {
    return prefix(jobId) + manifestId + "/manifest.json";
  }

  static String pageName(String jobId, String manifestId, int page) {
    return prefix(jobId) + manifestId + "/page-" + String.format("%06d", page) + ".jsonl";
  }

  private List<ManifestEntry> readPage(Manifest manifest, int page) {
    List<ManifestEntry> entries = new ArrayList<>();
    String name = pageName(manifest.jobId(), manifest.id(), page);
    try (InputStream in = blobs.open(BlobContainer.RESULTS, name);
        JsonParser parser = FACTORY.createParser(in)) {
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        JsonNode node = JSON.readTree(parser);
        entries.add(
            new ManifestEntry(
                node.path("file").asText(),
                node.path("size").asLong(),
                node.path("etag").asText()));
      }
    } catch (BlobNotFoundException | IOException | IllegalArgumentException e) {
      throw new ManifestNotFoundException(manifest.jobId(), manifest.id(), e);
    }
    return entries;
  }

  private static Manifest parseHeader(JsonNode root, String jobId, String manifestId) {
    if (root == null || root.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException("not a version " + VERSION + " manifest header");
    }
    List<String> firstFiles = new ArrayList<>();
    root.path("firstFiles").forEach(node -> firstFiles.add(node.asText()));
    return new Manifest(
        jobId,
        manifestId,
        root.path("count").asLong(),
        root.path("totalBytes").asLong(),
        root.path("pageSize").asInt(),
        firstFiles);
  }

  /** Signals an entry out of code-point order during the first, streaming pass. */
  private static final class OutOfOrder extends RuntimeException {
    OutOfOrder() {
      super(null, null, false, false);
    }
  }

  /** Fills pages of {@code pageSize} entries and stores each as it fills; the header last. */
  private final class PageWriter {
    private final String jobId;
    private final String manifestId;
    private final List<String> firstFiles = new ArrayList<>();
    private final ByteArrayOutputStream page = new ByteArrayOutputStream();
    private int inPage;
    private long count;
    private long totalBytes;
    private String last;

    PageWriter(String jobId, String manifestId) {
      this.jobId = jobId;
      this.manifestId = manifestId;
    }

    void add(ManifestEntry entry) {
      if (last != null) {
        int order = FileOrder.compare(last, entry.file());
        if (order == 0) {
          throw new IllegalArgumentException(
              "file " + entry.file() + " appears twice in a manifest");
        }
        if (order > 0) {
          throw new OutOfOrder();
        }
      }
      if (inPage == 0) {
        firstFiles.add(entry.file());
      }
      try (JsonGenerator out = FACTORY.createGenerator(page)) {
        out.writeStartObject();
        out.writeStringField("file", entry.file());
        out.writeNumberField("size", entry.size());
        out.writeStringField("etag", entry.etag());
        out.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      page.write('\n');
      last = entry.file();
      count++;
      totalBytes += entry.size();
      if (++inPage == pageSize) {
        flush();
      }
    }

    Manifest finish() {
      if (inPage > 0) {
        flush();
      }
      Manifest manifest = new Manifest(jobId, manifestId, count, totalBytes, pageSize, firstFiles);
      ObjectNode header = JSON.createObjectNode();
      header.put("version", VERSION);
      header.put("jobId", jobId);
      header.put("id", manifestId);
      header.put("count", count);
      header.put("totalBytes", totalBytes);
      header.put("pageSize", pageSize);
      ArrayNode first = header.putArray("firstFiles");
      firstFiles.forEach(first::add);
      blobs.put(
          BlobContainer.RESULTS,
          headerName(jobId, manifestId),
          header.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return manifest;
    }

    private void flush() {
      blobs.put(
          BlobContainer.RESULTS,
          pageName(jobId, manifestId, firstFiles.size() - 1),
          page.toByteArray());
      page.reset();
      inPage = 0;
    }
  }

  /** Walks a range of entries, holding one page at a time. */
  private final class RangeIterator implements Iterator<ManifestEntry> {
    private final Manifest manifest;
    private final long end;
    private long next;
    private List<ManifestEntry> page = List.of();
    private long pageStart;

    RangeIterator(Manifest manifest, long from, long end) {
      this.manifest = manifest;
      this.next = from;
      this.end = end;
    }

    @Override
    public boolean hasNext() {
      return next < end;
    }

    @Override
    public ManifestEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (next < pageStart || next >= pageStart + page.size()) {
        int index = Math.toIntExact(next / manifest.pageSize());
        page = readPage(manifest, index);
        pageStart = (long) index * manifest.pageSize();
      }
      return page.get(Math.toIntExact(next++ - pageStart));
    }
  }
}
