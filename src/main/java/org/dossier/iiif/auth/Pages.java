package org.dossier.iiif.auth;

import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * The small HTML pages of the access, token and logout services. Every value written into them is
 * escaped for its place: text for HTML, the token message as JSON inside a script (with the
 * characters that could end the script escaped).
 */
final class Pages {
  /** No script, no outside resource, forms only to this site. */
  static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none';"
          + " frame-ancestors 'none'";

  private Pages() {}

  static String login(String action, String csrf, String problem) {
    return head("Log in")
        + "<h1>Log in to see the scans at full size</h1>\n"
        + (problem == null ? "" : "<p role=\"alert\"><strong>" + text(problem) + "</strong></p>\n")
        + "<form method=\"post\" action=\""
        + text(action)
        + "\">\n"
        + "<input type=\"hidden\" name=\"csrf\" value=\""
        + text(csrf)
        + "\">\n"
        + "<p><label>Name <input name=\"name\" autocomplete=\"username\" required></label></p>\n"
        + "<p><label>Password <input name=\"password\" type=\"password\""
        + " autocomplete=\"current-password\" required></label></p>\n"
        + "<p><button type=\"submit\">Log in</button></p>\n"
        + "</form>\n</body>\n</html>\n";
  }

  /**
   * The end of an interaction in the tab the viewer opened (IIIF Auth 2.0, 3: "SHOULD contain
   * JavaScript that will attempt to close the tab"): a script allowed by its nonce alone.
   */
  static String done(String what, String nonce) {
    return head("Done")
        + "<h1>"
        + text(what)
        + "</h1>\n<p>You may close this tab and go back to the viewer.</p>\n<script nonce=\""
        + text(nonce)
        + "\">window.close();</script>\n</body>\n</html>\n";
  }

  /** {@link #CSP} with one script allowed, by its nonce. */
  static String csp(String nonce) {
    return CSP + "; script-src 'nonce-" + nonce + "'";
  }

  static String message(String heading, String body) {
    return head(heading)
        + "<h1>"
        + text(heading)
        + "</h1>\n<p>"
        + text(body)
        + "</p>\n</body>\n</html>\n";
  }

  /** The token service's page: posts {@code message} to the parent window at {@code origin}. */
  static String postMessage(ObjectNode message, String origin, String nonce) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>token</title></head>"
        + "<body><script nonce=\""
        + text(nonce)
        + "\">window.parent.postMessage("
        + script(RecordJson.write(message))
        + ", "
        + script(RecordJson.write(RecordJson.MAPPER.getNodeFactory().stringNode(origin)))
        + ");</script></body></html>\n";
  }

  private static String head(String title) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + text(title)
        + "</title>\n</head>\n<body>\n";
  }

  /** HTML text and attribute values. */
  static String text(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** JSON made safe inside a script element: nothing in it can close the element or a comment. */
  static String script(String json) {
    return json.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029");
  }
}
