package org.dossier.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Content negotiation headers as RFC 9110 (section 12.5) reads them, before any resource does: an
 * element of {@code Accept}, {@code Accept-Language}, {@code Accept-Charset} or {@code
 * Accept-Encoding} that does not follow the header's grammar (such as {@code garbage/type;q=x}) is
 * ignored, and a header left with no element is treated as absent. So a broken client gets the
 * default representation instead of an error, and no resource or error mapper ever meets a value
 * that its parser refuses (which used to end in 500).
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR - 100)
final class NegotiationHeaders implements ContainerRequestFilter {
  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  private static final String QUOTED =
      "\"(?:[\\t !#-\\[\\]-~\\x80-\\xff]|\\\\[\\t -~\\x80-\\xff])*\"";
  private static final String OWS = "[ \\t]*";
  private static final String WEIGHT =
      OWS + ";" + OWS + "[qQ]=(?:0(?:\\.[0-9]{0,3})?|1(?:\\.0{0,3})?)";

  /** A media-type parameter other than the weight ({@code q}), which has a grammar of its own. */
  private static final String PARAMETER =
      OWS + ";" + OWS + "(?![qQ]=)" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + ")";

  /** The grammar of one element of each header, without surrounding whitespace. */
  private static final Map<String, Pattern> ELEMENTS =
      Map.of(
          "Accept",
          Pattern.compile(
              "(?:\\*/\\*|"
                  + TOKEN
                  + "/"
                  + TOKEN
                  + ")(?:"
                  + PARAMETER
                  + ")*"
                  + "(?:"
                  + WEIGHT
                  + "(?:"
                  + PARAMETER
                  + ")*)?"),
          "Accept-Language",
          Pattern.compile("(?:\\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)(?:" + WEIGHT + ")?"),
          "Accept-Charset",
          Pattern.compile(TOKEN + "(?:" + WEIGHT + ")?"),
          "Accept-Encoding",
          Pattern.compile(TOKEN + "(?:" + WEIGHT + ")?"));

  @Override
  public void filter(ContainerRequestContext request) {
    MultivaluedMap<String, String> headers = request.getHeaders();
    for (Map.Entry<String, Pattern> header : ELEMENTS.entrySet()) {
      List<String> values = headers.get(header.getKey());
      if (values == null) {
        continue;
      }
      List<String> kept = new ArrayList<>();
      boolean dropped = false;
      for (String value : values) {
        for (String element : elements(value)) {
          if (header.getValue().matcher(element).matches()) {
            kept.add(element);
          } else if (!element.isEmpty()) {
            dropped = true;
          }
        }
      }
      if (kept.isEmpty()) {
        headers.remove(header.getKey());
      } else if (dropped) {
        headers.putSingle(header.getKey(), String.join(", ", kept));
      }
    }
  }

  /** The comma-separated elements of a header value, trimmed; a comma in quotes separates none. */
  static List<String> elements(String value) {
    List<String> elements = new ArrayList<>();
    StringBuilder element = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted && c == '\\' && i + 1 < value.length()) {
        element.append(c).append(value.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        elements.add(element.toString().strip());
        element.setLength(0);
        continue;
      }
      element.append(c);
    }
    elements.add(element.toString().strip());
    return elements;
  }
}
