package io.biotrack.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "IMG_0001.JPG",
        "cam1/IMG_0001.JPG",
        "site A/cam 1/day 2/IMG 0001.jpeg",
        "été/renard 🦊.jpg",
        ".hidden.jpg",
        "a..b.jpg",
        "...",
        "C/photo.png",
        "100%.jpg"
      })
  void acceptsRelativePathsAndKeepsThemUnchanged(String name) {
    assertThat(FileNames.validate(name)).isEqualTo(name);
    assertThat(FileNames.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "../etc/passwd|contains '..'",
        "cam1/../../x.jpg|contains '..'",
        "cam1/..|contains '..'",
        "./x.jpg|contains '.'",
        "/etc/passwd|is an absolute path",
        "C:/Windows/x.jpg|is an absolute path",
        "c:x.jpg|is an absolute path",
        "cam1\\x.jpg|contains a backslash",
        "cam1//x.jpg|empty folder name",
        "cam1/|empty folder name",
      })
  void refusesNamesThatEscapeOrAreAmbiguous(String name, String reason) {
    assertThatThrownBy(() -> FileNames.validate(name))
        .isInstanceOf(InvalidFileNameException.class)
        .hasMessageContaining(reason);
    assertThat(FileNames.isValid(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b.jpg", "a\nb.jpg", "tab\t.jpg", "del\u007f.jpg", "c1\u0085.jpg"})
  void refusesControlCharactersAndShowsThemEscaped(String name) {
    assertThatThrownBy(() -> FileNames.validate(name))
        .isInstanceOfSatisfying(
            InvalidFileNameException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("contains a control character");
              assertThat(e.getMessage()).doesNotContain("\n", "\u0000").contains("\\u");
            });
  }

  @org.junit.jupiter.api.Test
  void refusesEmptyNullLoneSurrogatesAndNamesOver1024Bytes() {
    assertThatThrownBy(() -> FileNames.validate(null)).hasMessageContaining("is empty");
    assertThatThrownBy(() -> FileNames.validate("")).hasMessageContaining("is empty");
    assertThatThrownBy(() -> FileNames.validate("a\uD800.jpg"))
        .hasMessageContaining("not valid Unicode");
    assertThatThrownBy(() -> FileNames.validate("a\uDC00b.jpg"))
        .hasMessageContaining("not valid Unicode");

    String exactly1024 = "x".repeat(1020) + ".jpg";
    assertThat(FileNames.validate(exactly1024)).isEqualTo(exactly1024);
    assertThatThrownBy(() -> FileNames.validate("x" + exactly1024))
        .hasMessageContaining("longer than 1024 bytes");
    // Counted in UTF-8 bytes, not characters: 511 × 'é' (2 bytes each) + ".jpg" = 1026 bytes.
    assertThatThrownBy(() -> FileNames.validate("é".repeat(511) + ".jpg"))
        .hasMessageContaining("longer than 1024 bytes");
  }
}
