package io.biotrack.worker.batch;

import java.io.IOException;
import java.util.Objects;

/**
 * One image of a batch: its name in the results ({@code file}, relative, {@code /}-separated) and
 * how to read its bytes when its turn comes (files and blobs are streamed one at a time, never
 * buffered for the whole batch).
 */
public record ImageItem(String file, Content content) {
  /** Larger files are not read into memory: they become image access failures. */
  public static final long MAX_BYTES = 256L * 1024 * 1024;

  /** Reads the image's bytes; called once, on a decoder thread. */
  @FunctionalInterface
  public interface Content {
    byte[] read() throws IOException;
  }

  public ImageItem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(content, "content");
  }
}
