package io.biotrack.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.files.ImageType;
import io.biotrack.gateway.support.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageTypeSniffTest {
  @Test
  void recognisesEachAcceptedFormatByItsFirstBytes() {
    assertThat(ImageType.sniff(head(TestImages.jpeg()))).contains(ImageType.JPEG);
    assertThat(ImageType.sniff(head(TestImages.png()))).contains(ImageType.PNG);
    assertThat(ImageType.sniff(head(TestImages.bmp()))).contains(ImageType.BMP);
    assertThat(ImageType.sniff(head(TestImages.tiff())).map(ImageType::mediaType))
        .contains("image/tiff");
    // Recognised only to be refused with its own reason (issue 14).
    assertThat(ImageType.sniff(head(TestImages.webpHeader()))).isEmpty();
    assertThat(ImageType.isWebP(head(TestImages.webpHeader()))).isTrue();
    assertThat(new UnsupportedImageException("x.webp", head(TestImages.webpHeader())).getMessage())
        .contains("WebP photos are not accepted", "PNG");
    assertThat(ImageType.sniff(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}))
        .contains(ImageType.TIFF_BIG_ENDIAN);
  }

  @Test
  void refusesEverythingElse() {
    assertThat(ImageType.sniff(new byte[0])).isEmpty();
    assertThat(ImageType.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).as("too short").isEmpty();
    assertThat(ImageType.sniff("GIF89a......".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(ImageType.sniff("RIFF....WAVE".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(ImageType.sniff("%PDF-1.7....".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(ImageType.sniff("<html>......".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  private static byte[] head(byte[] file) {
    return Arrays.copyOf(file, Math.min(file.length, ImageType.HEAD_BYTES));
  }
}
