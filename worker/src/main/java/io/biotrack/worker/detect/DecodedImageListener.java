package io.biotrack.worker.detect;

/**
 * Told of each photo right after it is decoded (EXIF orientation applied, as detection sees it), on
 * the decoder thread, before it is letterboxed: what a job's worker uses to write thumbnails while
 * the pixels are in memory. It must not keep the image, and what it throws never fails the photo.
 */
@FunctionalInterface
public interface DecodedImageListener {
  DecodedImageListener NONE = (file, image) -> {};

  void decoded(String file, RgbImage image);
}
