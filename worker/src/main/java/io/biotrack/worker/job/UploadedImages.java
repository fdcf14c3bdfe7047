package io.biotrack.worker.job;

import io.biotrack.results.BatchResults;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.batch.ImageItem;
import io.biotrack.worker.batch.ImageScanner;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;

/**
 * A job's images: the blobs under {@code uploads/{jobId}/} with an image extension, named by the
 * path the user gave, sorted by code point. Each is read only when a decoder thread gets to it,
 * and refused past {@code maxBytes}.
 */
final class UploadedImages {
  private UploadedImages() {}

  static List<ImageItem> list(BlobStore blobs, String jobId, long maxBytes) {
    return blobs.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(jobId)).stream()
        .map(BlobInfo::name)
        .filter(name -> isImage(BlobNames.fileOf(jobId, name)))
        .sorted(Comparator.comparing(name -> BlobNames.fileOf(jobId, name), BatchResults::compareCodePoints))
        .map(name -> new ImageItem(BlobNames.fileOf(jobId, name), () -> read(blobs, name, maxBytes)))
        .toList();
  }

  private static boolean isImage(String file) {
    String base = file.substring(file.lastIndexOf('/') + 1);
    return !base.startsWith(".") && ImageScanner.isImageName(base);
  }

  private static byte[] read(BlobStore blobs, String name, long maxBytes) throws IOException {
    try (InputStream in = blobs.open(BlobContainer.UPLOADS, name)) {
      byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (content.length > maxBytes) {
        throw new IOException(name + " is larger than " + maxBytes + " bytes");
      }
      return content;
    }
  }
}
