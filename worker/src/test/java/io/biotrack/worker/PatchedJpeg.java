package io.biotrack.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * The reliability review's "4 KB file that kills every attempt": a real JPEG whose frame header
 * (SOF) claims another size, cut short. The decoder believes the header, allocates the full raster
 * and fills what the data does not cover with grey, so a few KB of file cost width × height × 3
 * bytes of heap.
 */
public final class PatchedJpeg {
  private PatchedJpeg() {}

  /** The review's file: a sample photo claiming 14000×12000 pixels, truncated to 4 KB. */
  public static byte[] review() {
    return of("sample-crocdocs-01.jpg", 14000, 12000, 4096);
  }

  /**
   * The review's file made from a progressive JPEG, for the out-of-memory tests: the worker
   * letterboxes a baseline colour JPEG line by line as it is decoded, so the review's file no
   * longer needs its claimed size in memory; progressive JPEGs are still decoded whole (their lines
   * come again with every pass), so this one still costs 14000 × 12000 × 3 bytes of heap.
   */
  public static byte[] progressive() {
    try {
      return withFrameSize(
          Files.readAllBytes(TestData.edge().resolve("progressive.jpg")), 14000, 12000, 4096);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code sample} from the parity samples with its frame size set, cut to {@code length} bytes.
   */
  public static byte[] of(String sample, int width, int height, int length) {
    try {
      return withFrameSize(
          Files.readAllBytes(TestData.samples().resolve(sample)), width, height, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code jpeg} with the first frame header's height and width replaced, cut to {@code length}.
   */
  public static byte[] withFrameSize(byte[] jpeg, int width, int height, int length) {
    byte[] data = jpeg.clone();
    int pos = 2;
    while (pos + 4 <= data.length) {
      int marker = data[pos + 1] & 0xFF;
      int segment = (data[pos + 2] & 0xFF) << 8 | (data[pos + 3] & 0xFF);
      if (marker >= 0xC0 && marker <= 0xC2) { // baseline, extended or progressive frame
        int body = pos + 4;
        data[body + 1] = (byte) (height >> 8);
        data[body + 2] = (byte) height;
        data[body + 3] = (byte) (width >> 8);
        data[body + 4] = (byte) width;
        return Arrays.copyOf(data, Math.min(length, data.length));
      }
      pos += 2 + segment;
    }
    throw new IllegalArgumentException("no frame header");
  }
}
