package org.dossier.oai;

import java.math.BigInteger;
import java.time.Instant;
import org.dossier.oai.xml.pmh.ResumptionTokenType;

/**
 * The resumptionToken element (section 3.5): the token, cursor, completeListSize and
 * expirationDate.
 */
final class Tokens {
  private Tokens() {}

  /**
   * @param value the signed token, or "" on the last page of a list
   * @param cursor how many items were sent before this response
   * @param expires null on the last page, which has nothing to expire
   */
  static ResumptionTokenType element(
      String value, long cursor, long completeListSize, Instant expires) {
    ResumptionTokenType token = new ResumptionTokenType();
    token.setValue(value);
    token.setCursor(BigInteger.valueOf(cursor));
    if (completeListSize > 0) {
      token.setCompleteListSize(BigInteger.valueOf(completeListSize));
    }
    token.setExpirationDate(expires);
    return token;
  }
}
