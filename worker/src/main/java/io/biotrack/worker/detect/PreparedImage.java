package io.biotrack.worker.detect;

import io.biotrack.results.ImageResult;
import java.util.Objects;

/**
 * An image after decoding and letterboxing, ready for the model; or the reason it cannot be.
 *
 * @param input the model input (the letterboxed image as a tensor); null for a failure
 * @param failure MegaDetector's failure string; null when ready
 * @param reason why it failed, for logs (never written to results)
 * @param image the decoded image, kept only when a classifier will crop it after detection (null
 *     otherwise: a waiting image then holds only its tensor)
 */
public record PreparedImage(
    String file,
    LetterboxGeometry geometry,
    ImageTensor input,
    String failure,
    String reason,
    RgbImage image) {

  public PreparedImage {
    Objects.requireNonNull(file, "file");
    if ((input == null) == (failure == null)) {
      throw new IllegalArgumentException("a prepared image has either an input or a failure");
    }
  }

  public static PreparedImage ready(String file, LetterboxGeometry geometry, ImageTensor input) {
    return new PreparedImage(file, geometry, input, null, null, null);
  }

  public static PreparedImage ready(
      String file, LetterboxGeometry geometry, ImageTensor input, RgbImage image) {
    return new PreparedImage(file, geometry, input, null, null, image);
  }

  public static PreparedImage failed(String file, String failure, String reason) {
    return new PreparedImage(file, null, null, failure, reason, null);
  }

  public boolean failed() {
    return failure != null;
  }

  public ImageResult failureResult() {
    return ImageResult.failure(file, failure);
  }
}
