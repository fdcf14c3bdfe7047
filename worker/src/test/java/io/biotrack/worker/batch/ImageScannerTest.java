package io.biotrack.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageScannerTest {
  @TempDir Path dir;

  private void touch(String name) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
  }

  @Test
  void listsImagesLikeMegaDetectorsGlob() throws Exception {
    for (String name :
        new String[] {
          "b.jpg",
          "a.JPG",
          "c.jpeg",
          "d.png",
          "e.tif",
          "f.tiff",
          "g.bmp",
          "h.gif",
          "i.webp",
          "j.avif",
          "notes.txt",
          "README",
          ".hidden.jpg",
          "cam1/x.Jpg",
          "cam1/deeper/y.png",
          ".git/z.jpg",
          "cam2/.w.jpg",
          "Z.jpg",
          "é.jpg"
        }) {
      touch(name);
    }

    assertThat(ImageScanner.scan(dir, true))
        .containsExactly(
            "Z.jpg",
            "a.JPG",
            "b.jpg",
            "c.jpeg",
            "cam1/deeper/y.png",
            "cam1/x.Jpg",
            "d.png",
            "e.tif",
            "f.tiff",
            "g.bmp",
            "h.gif",
            "i.webp",
            "j.avif",
            "é.jpg");
    assertThat(ImageScanner.scan(dir, false))
        .containsExactly(
            "Z.jpg", "a.JPG", "b.jpg", "c.jpeg", "d.png", "e.tif", "f.tiff", "g.bmp", "h.gif",
            "i.webp", "j.avif", "é.jpg");
  }

  @Test
  void sortsByCodePointLikePython() throws Exception {
    touch("\uD83D\uDC3B.jpg"); // U+1F43B, a surrogate pair in UTF-16
    touch("\uFF21.jpg"); // U+FF21: below U+1F43B, above the high surrogate in UTF-16 order

    assertThat(ImageScanner.scan(dir, true)).containsExactly("\uFF21.jpg", "\uD83D\uDC3B.jpg");
  }

  @Test
  void aMissingFolderIsRefused() {
    assertThatThrownBy(() -> ImageScanner.scan(dir.resolve("missing"), true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
