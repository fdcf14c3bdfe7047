package io.biotrack.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageNamesTest {
  @Test
  void anImageIsNamedWithOneOfMegaDetectorsExtensionsInAnyCaseAndIsNotHidden() {
    assertThat(ImageNames.isImage("cam1/IMG_0001.JPG")).isTrue();
    assertThat(ImageNames.isImage("a.jpeg")).isTrue();
    assertThat(ImageNames.isImage("a.gif")).as("MegaDetector reads GIF").isTrue();
    assertThat(ImageNames.isImage("IMG_0002")).isFalse();
    assertThat(ImageNames.isImage(".hidden.jpg")).isFalse();
    assertThat(ImageNames.isImage("cam/.thumbs/x.jpg")).isFalse();
    assertThat(ImageNames.isImage("notes.txt")).isFalse();
  }

  @Test
  void aJobTakesOnlyTheFormatsItsUploadsAccept() {
    assertThat(ImageNames.validateForJob("a.jpg")).isEqualTo("a.jpg");
    assertThat(ImageNames.validateForJob("b.PNG")).isEqualTo("b.PNG");
    assertThat(ImageNames.validateForJob("c.tif")).isEqualTo("c.tif");
    assertThatThrownBy(() -> ImageNames.validateForJob("cam/e.GIF"))
        .isInstanceOf(InvalidFileNameException.class)
        .hasMessageContaining("GIF file, which Biotrack does not read: convert it to JPEG or PNG");
    assertThatThrownBy(() -> ImageNames.validateForJob("f.avif")).hasMessageContaining("AVIF file");
    assertThatThrownBy(() -> ImageNames.validateForJob("d.WebP"))
        .hasMessageContaining(
            "WEBP file, which Biotrack cannot decode exactly as MegaDetector does")
        .hasMessageContaining("convert it to PNG (lossless) or JPEG");
    assertThatThrownBy(() -> ImageNames.validateForJob("IMG_0002"))
        .hasMessageContaining("not named as an image");
  }
}
