package org.dossier.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.dossier.logging.JsonText;
import org.dossier.logging.LogLines;
import org.dossier.metrics.Metrics;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * Jetty's request log, called once every request is complete, the ones Jetty answers itself (a
 * request line it cannot parse, a head too large) included: counts it in the HTTP metrics by route
 * class and status, with its duration, and writes its access log line (log.access) in the format of
 * log.access-format.
 */
final class RequestMonitor implements RequestLog {
  /** Access log formats: Apache's combined, or one JSON object per line. */
  enum Format {
    COMBINED,
    JSON
  }

  private static final DateTimeFormatter COMBINED_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Counts nothing until the server's metrics are built (a moment after it binds). */
  private volatile Metrics metrics = Metrics.NONE;

  private final LogLines lines;
  private final Format format;

  /**
   * @param lines where access log lines go, or null for none
   */
  RequestMonitor(LogLines lines, Format format) {
    this.lines = lines;
    this.format = format;
  }

  /** From now on, requests are counted in these metrics. */
  void use(Metrics counted) {
    this.metrics = counted;
  }

  @Override
  public void log(Request request, Response response) {
    long nanos = System.nanoTime() - request.getBeginNanoTime();
    int status = response.getStatus();
    HttpURI uri = request.getHttpURI();
    String path = uri == null ? null : uri.getPath();
    Metrics counted = metrics;
    if (counted.enabled()) {
      RouteClass route = RouteClass.of(path);
      counted.request(route.ordinal(), status, nanos);
      if (status == 200 && path != null) {
        countSearch(counted, route, path, uri.getQuery());
      }
    }
    if (lines != null) {
      lines.add(
          format == Format.JSON
              ? json(request, response, status, nanos)
              : combined(request, response, status, nanos));
    }
  }

  /** A search answered: the search page with a query, IIIF Content Search or its autocomplete. */
  private static void countSearch(Metrics metrics, RouteClass route, String path, String query) {
    if (route == RouteClass.SITE && path.equals("/search") && query != null) {
      metrics.search("site");
    } else if (route == RouteClass.IIIF_PRESENTATION && path.startsWith("/iiif/search/")) {
      metrics.search(path.contains("/autocomplete") ? "autocomplete" : "content");
    }
  }

  private static String pathQuery(Request request) {
    HttpURI uri = request.getHttpURI();
    String pathQuery = uri == null ? null : uri.getPathQuery();
    return pathQuery == null ? "-" : pathQuery;
  }

  /**
   * {@code remote - - [time] "METHOD path HTTP/1.1" status bytes "referer" "user-agent"}, then the
   * request id and the duration in milliseconds.
   */
  private static String combined(Request request, Response response, int status, long nanos) {
    StringBuilder line = new StringBuilder(200);
    line.append(orDash(Request.getRemoteAddr(request))).append(" - - [");
    COMBINED_TIME.formatTo(Instant.ofEpochMilli(Request.getTimeStamp(request)), line);
    line.append("] \"");
    quoted(line, orDash(request.getMethod()));
    line.append(' ');
    quoted(line, pathQuery(request));
    line.append(' ');
    quoted(line, String.valueOf(request.getConnectionMetaData().getHttpVersion()));
    line.append("\" ").append(status).append(' ');
    line.append(Response.getContentBytesWritten(response)).append(" \"");
    quoted(line, orDash(request.getHeaders().get(HttpHeader.REFERER)));
    line.append("\" \"");
    quoted(line, orDash(request.getHeaders().get(HttpHeader.USER_AGENT)));
    line.append("\" ").append(RequestIds.of(request)).append(' ');
    millis(line, nanos);
    return line.toString();
  }

  private static String json(Request request, Response response, int status, long nanos) {
    StringBuilder line = new StringBuilder(256);
    line.append("{\"time\":\"");
    isoTime(line, Request.getTimeStamp(request));
    line.append("\",\"method\":");
    JsonText.string(line, request.getMethod());
    line.append(",\"path\":");
    JsonText.string(line, pathQuery(request));
    line.append(",\"status\":").append(status);
    line.append(",\"bytes\":").append(Response.getContentBytesWritten(response));
    line.append(",\"duration_ms\":");
    millis(line, nanos);
    line.append(",\"user_agent\":");
    JsonText.string(line, request.getHeaders().get(HttpHeader.USER_AGENT));
    line.append(",\"remote\":");
    JsonText.string(line, Request.getRemoteAddr(request));
    line.append(",\"request_id\":");
    JsonText.string(line, RequestIds.of(request));
    return line.append('}').toString();
  }

  /** The ISO 8601 form of the last second a line was written in: most lines share it. */
  private record Second(long epochSecond, String text) {}

  private static volatile Second second = new Second(Long.MIN_VALUE, "");

  /** {@code 2026-12-07T01:09:31.123Z}: the second formatted once, the milliseconds appended. */
  private static void isoTime(StringBuilder line, long epochMillis) {
    long epochSecond = Math.floorDiv(epochMillis, 1000);
    Second known = second;
    if (known.epochSecond() != epochSecond) {
      String text =
          DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
              java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC));
      known = new Second(epochSecond, text);
      second = known;
    }
    line.append(known.text()).append('.');
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    if (millis < 100) {
      line.append('0');
    }
    if (millis < 10) {
      line.append('0');
    }
    line.append(millis).append('Z');
  }

  /** Milliseconds with three decimals. */
  private static void millis(StringBuilder line, long nanos) {
    long micros = Math.max(0, nanos / 1000);
    line.append(micros / 1000).append('.');
    long fraction = micros % 1000;
    if (fraction < 100) {
      line.append('0');
    }
    if (fraction < 10) {
      line.append('0');
    }
    line.append(fraction);
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  /**
   * Text inside a quoted field of the combined format: quotes, backslashes and controls escaped.
   */
  private static void quoted(StringBuilder line, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        line.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        line.append(c);
      }
    }
  }
}
