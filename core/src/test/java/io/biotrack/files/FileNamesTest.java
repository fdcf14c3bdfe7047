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

    String exactly1024 = ("x".repeat(250) + "/").repeat(4) + "x".repeat(16) + ".jpg";
    assertThat(FileNames.validate(exactly1024)).isEqualTo(exactly1024);
    assertThatThrownBy(() -> FileNames.validate("x" + exactly1024))
        .hasMessageContaining("longer than 1024 bytes");
    // Counted in UTF-8 bytes, not characters: 511 × 'é' (2 bytes each) + ".jpg" = 1026 bytes.
    assertThatThrownBy(() -> FileNames.validate("é".repeat(511) + ".jpg"))
        .hasMessageContaining("longer than 1024 bytes");
  }

  @org.junit.jupiter.api.Test
  void refusesAFolderOrFileNameOver255BytesWhicheverPartItIs() {
    String longest = "x".repeat(251) + ".jpg";
    assertThat(FileNames.validate(longest)).isEqualTo(longest);
    assertThat(FileNames.validate("cam1/" + longest)).isEqualTo("cam1/" + longest);
    for (String name :
        new String[] {
          "x".repeat(300),
          "cam1/" + "x".repeat(252) + ".jpg",
          "y".repeat(256) + "/a.jpg",
          "é".repeat(126) + ".jpg", // 252 + 4 = 256 bytes in 130 characters
        }) {
      assertThatThrownBy(() -> FileNames.validate(name))
          .as(name)
          .isInstanceOfSatisfying(
              InvalidFileNameException.class,
              e -> assertThat(e.reason()).contains("longer than 255 bytes"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u200E", "\u200F", "\u061C"
      })
  void refusesTextDirectionControlsAndShowsThemEscaped(String control) {
    // "photo-<RLO>gpj.exe" is displayed as "photo-exe.jpg".
    String name = "cam1/photo-" + control + "gpj.exe";
    assertThatThrownBy(() -> FileNames.validate(name))
        .isInstanceOfSatisfying(
            InvalidFileNameException.class,
            e -> {
              assertThat(e.reason()).contains("text-direction character U+");
              assertThat(e.getMessage()).doesNotContain(control).contains("\\u");
            });
    assertThat(FileNames.isValid(name)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void rightToLeftTextItselfIsFine() {
    assertThat(FileNames.isValid("\u05E6\u05D1\u05D9/\u0630\u0626\u0628.jpg")).isTrue();
  }
}
