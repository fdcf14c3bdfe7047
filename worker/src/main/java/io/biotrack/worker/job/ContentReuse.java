package io.biotrack.worker.job;

import io.biotrack.results.ImageResult;
import io.biotrack.reuse.ContentIndex;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.batch.ImageItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's side of reuse across jobs ({@link ContentIndex}): the SHA-256 of each photo, taken from
 * the bytes the decoder reads anyway; the entries of the previous job for photos of equal content;
 * and the shard's part of this job's content index, for jobs after it.
 *
 * <p>With a previous job, the shard's photos are hashed before the batch runs (each read once more
 * than without reuse: a reused photo is then never decoded or run, which is the point). The
 * previous job's index is read once, as a merge-join, whatever its size.
 */
final class ContentReuse {
  private static final Logger log = LoggerFactory.getLogger(ContentReuse.class);

  private final BlobStore blobs;
  private final ShardTask task;
  private final Map<String, String> digests = new ConcurrentHashMap<>();
  private final Map<String, ImageItem> byFile = new ConcurrentHashMap<>();

  ContentReuse(BlobStore blobs, ShardTask task) {
    this.blobs = blobs;
    this.task = task;
  }

  /** The shard's photos, each noting its digest when its bytes are read. */
  List<ImageItem> hashing(List<ImageItem> items) {
    List<ImageItem> hashed = new ArrayList<>(items.size());
    for (ImageItem item : items) {
      ImageItem wrapped =
          new ImageItem(
              item.file(),
              () -> {
                byte[] content = item.content().read();
                digests.put(item.file(), ContentIndex.sha256(content));
                return content;
              });
      byFile.put(item.file(), wrapped);
      hashed.add(wrapped);
    }
    return hashed;
  }

  /**
   * The previous job's entries for photos of this shard with equal content, under this job's names;
   * none without a previous job or when it has no index (a job finished before there were content
   * indexes: its photos simply run again).
   */
  List<ImageResult> reused(List<ImageItem> items) {
    if (task.previousJobId() == null || items.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> wanted = new TreeMap<>();
    for (ImageItem item : items) {
      String digest = digestOf(item);
      if (digest != null) {
        wanted.computeIfAbsent(digest, d -> new ArrayList<>()).add(item.file());
      }
    }
    Map<String, ImageResult> found;
    try (InputStream index =
        blobs.open(BlobContainer.RESULTS, BlobNames.contents(task.previousJobId()))) {
      found = ContentIndex.lookUp(wanted, index);
    } catch (BlobNotFoundException e) {
      log.warn(
          "job {}: the previous job {} has no content index; its photos run again",
          task.jobId(),
          task.previousJobId());
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the previous job's content index", e);
    }
    log.info(
        "job {} shard {}: {} of {} photos have equal content in job {}: not run again",
        task.jobId(),
        task.shard(),
        found.size(),
        items.size(),
        task.previousJobId());
    return new ArrayList<>(found.values());
  }

  /**
   * Writes the shard's part of this job's content index: every photo with a successful entry, by
   * digest. Failures are left out: a later job runs such a photo again (a failure can be passing,
   * an unreadable blob). Photos whose bytes this attempt did not read (resumed from a checkpoint)
   * are read once more here.
   */
  void writePart(List<ImageResult> results) {
    List<ContentIndex.Line> lines = new ArrayList<>(results.size());
    for (ImageResult result : results) {
      if (result.failed()) {
        continue;
      }
      ImageItem item = byFile.get(result.file());
      String digest = item == null ? null : digestOf(item);
      if (digest != null) {
        lines.add(new ContentIndex.Line(digest, result.withoutMaxConf()));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContentIndex.writeSorted(lines, out);
    blobs.put(
        BlobContainer.RESULTS, ShardNames.contents(task.jobId(), task.shard()), out.toByteArray());
  }

  /** The photo's digest, reading it when not read yet; null when it cannot be read. */
  private String digestOf(ImageItem item) {
    String known = digests.get(item.file());
    if (known != null) {
      return known;
    }
    try {
      item.content().read();
      return digests.get(item.file());
    } catch (IOException e) {
      return null; // it becomes a failure entry when the batch reads it
    }
  }
}
