package io.biotrack.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageEntriesTest {
  private static List<String> files(String json) throws IOException {
    List<String> files = new ArrayList<>();
    try (ImageEntries entries =
        ImageEntries.of(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
      entries.forEachRemaining(image -> files.add(image.file()));
    }
    return files;
  }

  @Test
  void entriesComeOneAtATimeWhereverTheImagesArrayIs() throws IOException {
    assertThat(
            files(
                "{\"info\":{\"a\":[1]},\"images\":[{\"file\":\"a.jpg\",\"detections\":[]},{\"file\":\"b.jpg\",\"failure\":\"inference"
                    + " failure\",\"detections\":null}]}"))
        .containsExactly("a.jpg", "b.jpg");
    assertThat(files("{\"images\":[],\"info\":{}}")).isEmpty();
    assertThat(files("{\"info\":{}}")).isEmpty();
  }

  @Test
  void notResultsOrResultsThatBreakOffAreErrors() {
    assertThatThrownBy(() -> files("[1]")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> files("{\"images\":[{\"file\":\"a.jpg\",\"detections\":[]},{\"fi"))
        .isInstanceOf(UncheckedIOException.class);
  }
}
