package io.biotrack.gateway.api;

import io.biotrack.gateway.upload.StoredFile;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to a file upload. */
public record UploadResponse(
    @Schema(example = "cam1/IMG_0001.JPG") String name,
    @Schema(example = "2483112") long size,
    @Schema(example = "image/jpeg") String contentType) {

  public static UploadResponse of(StoredFile file) {
    return new UploadResponse(file.name(), file.size(), file.type().mediaType());
  }
}
