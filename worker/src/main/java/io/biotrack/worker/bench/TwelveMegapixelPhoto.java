package io.biotrack.worker.bench;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A 4000×3000 (12 MP, a common camera-trap resolution) JPEG made by enlarging a sample photo, for
 * the decode + letterbox timing: the samples themselves are 0.4–3 MP.
 */
final class TwelveMegapixelPhoto {
  static final int WIDTH = 4000;
  static final int HEIGHT = 3000;

  private TwelveMegapixelPhoto() {}

  static Path write(Path source, Path target) throws IOException {
    BufferedImage in = ImageIO.read(source.toFile());
    if (in == null) {
      throw new IOException("cannot read " + source);
    }
    BufferedImage out = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    var g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(in, 0, 0, WIDTH, HEIGHT, null);
    g.dispose();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.write(null, new IIOImage(out, null, null), param);
    } finally {
      writer.dispose();
    }
    Files.write(target, bytes.toByteArray());
    return target;
  }
}
