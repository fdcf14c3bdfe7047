package io.biotrack.worker.detect;

import java.awt.Point;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * A destination raster that keeps no pixels: the JDK's JPEG reader decodes a photo one scanline at
 * a time and copies each into its destination with {@code setRect(x, y, line)}; this raster hands
 * each line to a consumer instead (the letterbox, which resizes it while it is still in the CPU's
 * cache). A 12 MP photo then never exists as a 36 MB array: no allocation, no copy, no second pass
 * over it from memory.
 *
 * <p>Only what the reader does is supported: whole lines, in order, 8-bit R, G, B. Anything else
 * throws, and {@link ImageDecoder} falls back to decoding the whole image.
 */
final class ScanlineRaster extends WritableRaster {
  private static final int[] RGB_ORDER = {0, 1, 2};

  /** Takes the decoded lines, top to bottom. */
  interface Lines {
    /** The next line: {@code 3·width} bytes of {@code pixels} from {@code start}, R, G, B. */
    void accept(byte[] pixels, int start);
  }

  private final Lines lines;
  private final byte[] copy;
  private int next;

  /**
   * The sample model describes a full image (the reader sizes its regions from it); the data buffer
   * is one line, for the rare line that is not in the plain layout.
   */
  ScanlineRaster(int width, int height, Lines lines) {
    super(
        new PixelInterleavedSampleModel(
            DataBuffer.TYPE_BYTE, width, height, 3, 3 * width, RGB_ORDER),
        new DataBufferByte(3 * width),
        new Point(0, 0));
    this.lines = lines;
    this.copy = ((DataBufferByte) getDataBuffer()).getData();
  }

  /** How many lines have arrived. */
  int linesReceived() {
    return next;
  }

  @Override
  public void setRect(int dx, int dy, Raster line) {
    if (dx != 0 || dy != next || line.getWidth() != width || line.getHeight() != 1) {
      throw new IllegalStateException(
          "the reader wrote " + line.getWidth() + "x" + line.getHeight() + " at " + dx + "," + dy);
    }
    if (line.getSampleModel() instanceof PixelInterleavedSampleModel model
        && line.getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && line.getSampleModelTranslateX() == -line.getMinX()
        && line.getSampleModelTranslateY() == -line.getMinY()
        && model.getNumBands() == 3
        && model.getPixelStride() == 3
        && Arrays.equals(model.getBandOffsets(), RGB_ORDER)) {
      lines.accept(buffer.getData(), buffer.getOffset()); // the reader's own line, no copy
    } else {
      line.getDataElements(line.getMinX(), line.getMinY(), width, 1, copy);
      lines.accept(copy, 0);
    }
    next++;
  }

  @Override
  public void setRect(Raster line) {
    setRect(0, 0, line);
  }
}
