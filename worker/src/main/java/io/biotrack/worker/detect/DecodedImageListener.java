package io.biotrack.worker.detect;

/**
 * Told of each photo right after it is decoded (EXIF orientation applied, as detection sees it), on
 * the decoder thread: what a job's worker uses to write thumbnails while the pixels are in memory.
 * Where the photo is letterboxed as it is decoded (no full-size image is ever held, {@link
 * ImageDecoder#decodeLetterboxed}) it gets the letterbox's picture area, the photo at the model's
 * size, instead. It must not keep the image, and what it throws never fails the photo.
 */
@FunctionalInterface
public interface DecodedImageListener {
  DecodedImageListener NONE = (file, image) -> {};

  void decoded(String file, RgbImage image);
}
