package org.dossier.iiif.presentation;

import jakarta.ws.rs.core.HttpHeaders;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A response's validators, {@code ETag} and {@code Last-Modified}, and the conditional GET they
 * answer (RFC 9110 §13.1): {@code If-None-Match} when present, otherwise {@code If-Modified-Since}.
 *
 * @param etag the quoted entity tag
 * @param lastModified when the content last changed (whole seconds), or null when unknown
 */
record Validators(String etag, Instant lastModified) {
  /** IMF-fixdate (RFC 9110 §5.6.7): unlike RFC_1123_DATE_TIME it writes the day with two digits. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ENGLISH);

  private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?(\"[^\"]*\")");

  /**
   * Validators for a document computed from catalog state: the representation's tag, what the
   * content depends on (a datestamp with a content digest, or a change-log sequence number) and the
   * fingerprint of the configuration that shapes every document.
   */
  static Validators of(
      Representation representation, String state, String fingerprint, Instant lastModified) {
    return new Validators(
        "\"" + representation.tag() + "-" + state + "-" + fingerprint + "\"", lastModified);
  }

  /** True when the client's copy is current, so the answer is 304 Not Modified. */
  boolean notModified(HttpHeaders headers) {
    if (headers.getHeaderString(HttpHeaders.IF_NONE_MATCH) != null) {
      // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
      return ifNoneMatch(headers, etag);
    }
    String since = headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
    if (since == null || lastModified == null) {
      return false;
    }
    try {
      Instant date =
          ZonedDateTime.parse(since.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return !lastModified.isAfter(date);
    } catch (DateTimeParseException e) {
      return false; // an invalid date is ignored (RFC 9110 §13.1.3)
    }
  }

  /** If-None-Match with the weak comparison GET uses (RFC 9110 §13.1.2); {@code *} matches. */
  static boolean ifNoneMatch(HttpHeaders headers, String etag) {
    String header = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
    if (header == null) {
      return false;
    }
    if (header.strip().equals("*")) {
      return true;
    }
    Matcher m = ENTITY_TAG.matcher(header);
    while (m.find()) {
      if (m.group(1).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  String lastModifiedHeader() {
    return HTTP_DATE.format(lastModified.atOffset(ZoneOffset.UTC));
  }
}
