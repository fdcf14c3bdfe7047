package io.biotrack.gateway.upload;

import io.biotrack.files.ImageType;

/** The uploaded bytes do not start like any accepted image format. */
public class UnsupportedImageException extends RuntimeException {
  public UnsupportedImageException(String name) {
    super(
        "'"
            + name
            + "' is not an accepted image: the content must be "
            + ImageType.acceptedNames()
            + " (checked from its first bytes, not its name)");
  }

  /**
   * @param head the upload's first bytes (WebP gets its own reason)
   */
  public UnsupportedImageException(String name, byte[] head) {
    super(
        ImageType.isWebP(head)
            ? "'" + name + "': " + ImageType.WEBP_REFUSAL
            : new UnsupportedImageException(name).getMessage());
  }
}
