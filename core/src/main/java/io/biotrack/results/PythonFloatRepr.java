package io.biotrack.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, written
 * plainly for {@code 1e-4 <= |x| < 1e16} and in exponent form ({@code 1e-05}, {@code 1.5e+16})
 * outside that range.
 *
 * <p>Java 17's {@code Double.toString} is not always the shortest round-trip string (JDK-4511638,
 * fixed in 19), so the digits are searched here instead of taken from it.
 */
final class PythonFloatRepr {
  private static final RoundingMode[] CANDIDATES = {
    RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING
  };

  private PythonFloatRepr() {}

  static String of(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (value == 0.0) {
      return (1.0 / value < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortestRoundTrip(value);
    String digits = shortest.unscaledValue().abs().toString();
    // value = 0.d1d2d3... x 10^pointPosition
    int pointPosition = digits.length() - shortest.scale();
    String sign = value < 0 ? "-" : "";
    if (pointPosition > -4 && pointPosition <= 16) {
      return sign + plain(digits, pointPosition);
    }
    int exponent = pointPosition - 1;
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign
        + mantissa
        + "e"
        + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }

  private static BigDecimal shortestRoundTrip(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal best = null;
      for (RoundingMode mode : CANDIDATES) {
        BigDecimal candidate = exact.round(new MathContext(precision, mode));
        if (candidate.doubleValue() == value
            && (best == null
                || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best.stripTrailingZeros();
      }
    }
    throw new AssertionError("17 digits always round-trip: " + value);
  }

  private static String plain(String digits, int pointPosition) {
    if (pointPosition <= 0) {
      return "0." + "0".repeat(-pointPosition) + digits;
    }
    if (pointPosition >= digits.length()) {
      return digits + "0".repeat(pointPosition - digits.length()) + ".0";
    }
    return digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
  }
}
