package io.biotrack.worker.job;

import io.biotrack.manifest.Manifest;
import io.biotrack.manifest.ManifestEntry;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.storage.BlobChangedException;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.batch.ImageItem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A shard's images: its range of the manifest the job's start froze, in that order (code point),
 * and nothing else. Each is read only when a decoder thread gets to it, in exactly the version the
 * manifest names: a file replaced since the start becomes a failure entry, never processed in its
 * new form; one over {@code maxBytes} likewise.
 */
final class ManifestImages {
  private ManifestImages() {}

  static List<ImageItem> of(
      BlobStore blobs,
      ManifestStore manifests,
      Manifest manifest,
      long from,
      int count,
      long maxBytes) {
    List<ImageItem> items = new ArrayList<>();
    for (Iterator<ManifestEntry> it = manifests.read(manifest, from, count); it.hasNext(); ) {
      ManifestEntry entry = it.next();
      String blob = BlobNames.upload(manifest.jobId(), entry.file());
      items.add(new ImageItem(entry.file(), () -> read(blobs, blob, entry, maxBytes)));
    }
    return items;
  }

  private static byte[] read(BlobStore blobs, String blob, ManifestEntry entry, long maxBytes)
      throws IOException {
    if (entry.size() > maxBytes) {
      throw new IOException("larger than " + maxBytes + " bytes");
    }
    try (InputStream in = blobs.open(BlobContainer.UPLOADS, blob, entry.etag())) {
      byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (content.length > maxBytes) {
        throw new IOException("larger than " + maxBytes + " bytes");
      }
      return content;
    } catch (BlobChangedException e) {
      throw new IOException("the file changed or disappeared after the job was started");
    }
  }
}
