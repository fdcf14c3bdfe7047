package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The letterbox table of megadetector-spec.md §2.2, every column. */
class LetterboxGeometryTest {

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({
    // W,    H,    resized W×H,  top,bottom,left,right, tensor W×H, gain,     pad x,  pad y,   rows
    "2048, 1536, 1280, 960,  0,  0, 0, 0, 1280, 960,  0.625,    0,      0,       76500",
    "4000, 3000, 1280, 960,  0,  0, 0, 0, 1280, 960,  0.32,     0,      0,       76500",
    "4000, 3001, 1280, 960,  0,  0, 0, 0, 1280, 960,  0.319893, 0.2133, 0,       76500",
    "1920, 1080, 1280, 720,  24, 24, 0, 0, 1280, 768, 0.666667, 0,      24,      61200",
    "1280, 720,  1280, 720,  24, 24, 0, 0, 1280, 768, 1.0,      0,      24,      61200",
    "2560, 1441, 1280, 720,  24, 24, 0, 0, 1280, 768, 0.5,      0,      23.75,   61200",
    "1777, 1001, 1280, 721,  23, 24, 0, 0, 1280, 768, 0.720315, 0,      23.4823, 61200",
    "5472, 3648, 1280, 853,  21, 22, 0, 0, 1280, 896, 0.233918, 0,      21.3333, 71400",
    "640,  480,  1280, 960,  0,  0, 0, 0, 1280, 960,  2.0,      0,      0,       76500",
    "1536, 2048, 960,  1280, 0,  0, 0, 0, 960,  1280, 0.625,    0,      0,       76500",
    "1000, 1000, 1280, 1280, 0,  0, 0, 0, 1280, 1280, 1.28,     0,      0,       102000",
  })
  void matchesTheSpecTable(
      int width,
      int height,
      int resizedWidth,
      int resizedHeight,
      int top,
      int bottom,
      int left,
      int right,
      int tensorWidth,
      int tensorHeight,
      double gain,
      double padX,
      double padY,
      int rows) {
    LetterboxGeometry g = LetterboxGeometry.of(width, height);

    assertThat(g.resizedWidth()).isEqualTo(resizedWidth);
    assertThat(g.resizedHeight()).isEqualTo(resizedHeight);
    assertThat(new int[] {g.top(), g.bottom(), g.left(), g.right()})
        .containsExactly(top, bottom, left, right);
    assertThat(g.tensorWidth()).isEqualTo(tensorWidth);
    assertThat(g.tensorHeight()).isEqualTo(tensorHeight);
    assertThat(g.gain()).isCloseTo(gain, within(5e-7));
    assertThat(g.padX()).isCloseTo(padX, within(5e-5));
    assertThat(g.padY()).isCloseTo(padY, within(5e-5));
    assertThat(g.needsResize()).isEqualTo(resizedWidth != width || resizedHeight != height);
    // N = 3 · Σ over strides 8..64 of the grid cells: the model's row count for this input.
    int n = 0;
    for (int s = 8; s <= 64; s *= 2) {
      n += 3 * (g.tensorWidth() / s) * (g.tensorHeight() / s);
    }
    assertThat(n).isEqualTo(rows);
  }

  @Test
  void theMdv1000SizesLetterboxAtStride32() {
    // 1920x1080 at 640: r = 1/3 → 640x360, (640 − 360) mod 32 = 24 → 12 rows above and below
    assertThat(LetterboxGeometry.of(1920, 1080, 640, 32))
        .isEqualTo(new LetterboxGeometry(1920, 1080, 640, 360, 12, 12, 0, 0));
    // at 960 (sorrel): r = 1/2 → 960x540, 420 mod 32 = 4 → 2 and 2
    assertThat(LetterboxGeometry.of(1920, 1080, 960, 32))
        .isEqualTo(new LetterboxGeometry(1920, 1080, 960, 540, 2, 2, 0, 0));
    // a small photo is scaled up (scaleup=True): 200x150 → 640x480, no padding
    assertThat(LetterboxGeometry.of(200, 150, 640, 32))
        .isEqualTo(new LetterboxGeometry(200, 150, 640, 480, 0, 0, 0, 0));
    // odd padding: 1000x999 at 640 → 640x639, 1 mod 32 = 1 → dh 0.5: round(0.4) = 0 above,
    // round(0.6) = 1 below
    assertThat(LetterboxGeometry.of(1000, 999, 640, 32))
        .isEqualTo(new LetterboxGeometry(1000, 999, 640, 639, 0, 1, 0, 0));
    assertThat(LetterboxGeometry.of(1920, 1080))
        .isEqualTo(LetterboxGeometry.of(1920, 1080, 1280, 64));
  }
}
