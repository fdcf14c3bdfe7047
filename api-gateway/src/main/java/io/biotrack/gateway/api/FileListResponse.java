package io.biotrack.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.files.FileRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of {@code GET /api/v1/jobs/{id}/files}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A page of the job's registered files and whether each was uploaded")
public record FileListResponse(
    List<FileEntry> files,
    @Schema(description = "Pass it as cursor for the next page; absent on the last page")
        String nextCursor,
    @Schema(description = "How many files the job has registered") int registered) {

  @Schema(description = "A registered file")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FileEntry(
      @Schema(example = "cam1/IMG_0001.JPG") String name,
      @Schema(description = "The size declared when it was registered, if any") Long size,
      @Schema(description = "Whether its upload finished") boolean uploaded) {}

  public static FileListResponse of(FileRegistry.Page page, int registered) {
    return new FileListResponse(
        page.files().stream().map(f -> new FileEntry(f.name(), f.size(), f.uploaded())).toList(),
        page.nextCursor(),
        registered);
  }
}
