package io.biotrack.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhotoFoldersTest {
  @Test
  void theFolderIsEverythingBeforeTheLastSlash() {
    assertThat(PhotoFolders.of("site/cam1/IMG_0001.JPG")).isEqualTo("site/cam1");
    assertThat(PhotoFolders.of("IMG_0001.JPG")).isEmpty();
  }
}
