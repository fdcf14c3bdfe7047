package io.biotrack.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentIndexTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);
  private static final String D = "d".repeat(64);

  private static ImageResult animal(String file, double conf) {
    return ImageResult.success(
        file, List.of(new Detection("1", conf, List.of(0.1, 0.2, 0.3, 0.0001))));
  }

  private static byte[] part(ContentIndex.Line... lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContentIndex.writeSorted(List.of(lines), out);
    return out.toByteArray();
  }

  @Test
  void aShardPartIsSortedByDigestOneLineEach() {
    String text =
        new String(
            part(
                new ContentIndex.Line(C, animal("z.jpg", 0.9)),
                new ContentIndex.Line(A, animal("y.jpg", 0.5))),
            StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(2);
    assertThat(text.lines().map(l -> l.substring(0, 64))).containsExactly(A, C);
    assertThat(text).contains("0.0001").doesNotContain("E-4");
  }

  @Test
  void partsMergeIntoOneSortedIndexAndALookupRenamesEntriesToTheNewNames() {
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    ContentIndex.merge(
        List.<InputStream>of(
            new ByteArrayInputStream(
                part(
                    new ContentIndex.Line(D, animal("d.jpg", 0.4)),
                    new ContentIndex.Line(A, animal("a.jpg", 0.9)))),
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayInputStream(
                part(new ContentIndex.Line(B, ImageResult.success("b.jpg", List.of()))))),
        index);
    assertThat(
            new String(index.toByteArray(), StandardCharsets.UTF_8)
                .lines()
                .map(l -> l.substring(0, 64)))
        .containsExactly(A, B, D);

    Map<String, ImageResult> found =
        ContentIndex.lookUp(
            Map.of(
                D,
                List.of("2025/d-again.jpg"),
                C,
                List.of("new.jpg"),
                A,
                List.of("x.jpg", "copy/x.jpg")),
            new ByteArrayInputStream(index.toByteArray()));

    assertThat(found).containsOnlyKeys("2025/d-again.jpg", "x.jpg", "copy/x.jpg");
    assertThat(found.get("2025/d-again.jpg")).isEqualTo(animal("2025/d-again.jpg", 0.4));
    assertThat(found.get("copy/x.jpg")).isEqualTo(animal("copy/x.jpg", 0.9));
  }

  @Test
  void aDigestIsSixtyFourLowerCaseHexDigits() {
    assertThatThrownBy(() -> new ContentIndex.Line("ABC", animal("a.jpg", 0.5)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
