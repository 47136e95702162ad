package org.dossier.oai.xml;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Maps {@code xs:dateTime} to {@link Instant}, printed as OAI-PMH 2.0 section 3.3.1 requires: UTC,
 * {@code YYYY-MM-DDThh:mm:ssZ}, whole seconds.
 */
public final class UtcInstantAdapter extends XmlAdapter<String, Instant> {

  @Override
  public Instant unmarshal(String text) {
    return text == null
        ? null
        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.strip(), Instant::from);
  }

  @Override
  public String marshal(Instant instant) {
    return instant == null ? null : print(instant);
  }

  /** The granularity-of-seconds form, e.g. {@code 2026-11-23T10:15:00Z}. */
  public static String print(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
