package org.dossier.iiif.image;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The number forms of request parameters: whole pixels and the decimals of section 4.7. */
final class Numbers {
  /** Whole pixel counts; nine digits keep every value inside an int. */
  static final String WHOLE = "\\d{1,9}";

  /**
   * Decimals as <a href="https://iiif.io/api/image/3.0/#47-floating-point-values">section 4.7</a>
   * allows them: decimal digits and '.', nothing else (no sign, no exponent).
   */
  static final String DECIMAL = "\\d{1,9}(?:\\.\\d{1,12})?";

  static final Pattern WHOLE_PATTERN = Pattern.compile(WHOLE);

  private Numbers() {}

  /** The canonical text of a decimal: an integer when it is one, no trailing zeros otherwise. */
  static String canonical(double value) {
    if (value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
