package org.dossier.rdf.sparql;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A query operation of the SPARQL 1.1 Protocol (section 2.1), parsed from one of its three forms:
 * GET with a query string (2.1.1), POST of a URL-encoded form (2.1.2) and POST of the query itself
 * as {@code application/sparql-query} (2.1.3). Parameters the protocol does not define are ignored;
 * any update operation is refused, since this service is read-only.
 *
 * @param defaultGraphs {@code default-graph-uri} values: the protocol's RDF dataset (2.1.4)
 * @param namedGraphs {@code named-graph-uri} values
 */
public record SparqlRequest(String query, List<String> defaultGraphs, List<String> namedGraphs) {

  static final String FORM = "application/x-www-form-urlencoded";
  static final String QUERY = "application/sparql-query";
  static final String UPDATE = "application/sparql-update";

  /** 2.1.1: GET; returns null when there is no query at all (the endpoint's own page is wanted). */
  public static SparqlRequest fromGet(MultivaluedMap<String, String> params) {
    refuseUpdate(params);
    if (!params.containsKey("query")) {
      return null;
    }
    return of(single(params, "query"), params);
  }

  /** 2.1.2 and 2.1.3: POST, by its media type; {@code urlParams} are those of the request URL. */
  public static SparqlRequest fromPost(
      String contentType, byte[] body, MultivaluedMap<String, String> urlParams) {
    if (contentType == null || contentType.isBlank()) {
      throw new SparqlException(
          SparqlError.UNSUPPORTED_MEDIA_TYPE,
          "a POST needs a Content-Type: " + FORM + " (query=...) or " + QUERY);
    }
    MediaType type;
    try {
      type = MediaType.valueOf(contentType);
    } catch (IllegalArgumentException e) {
      throw new SparqlException(
          SparqlError.UNSUPPORTED_MEDIA_TYPE, "unreadable Content-Type '" + contentType + "'");
    }
    String essence = type.getType() + "/" + type.getSubtype();
    String charset = type.getParameters().get("charset");
    if (essence.equalsIgnoreCase(UPDATE)) {
      throw readOnly();
    }
    if (essence.equalsIgnoreCase(FORM)) {
      MultivaluedMap<String, String> all = new MultivaluedHashMap<>();
      urlParams.forEach((k, v) -> all.addAll(k, v));
      parseForm(utf8(body, "the form"), all);
      refuseUpdate(all);
      return of(single(all, "query"), all);
    }
    if (essence.equalsIgnoreCase(QUERY)) {
      // 2.1.3: the body is the query, "unencoded"; UTF-8 is the only encoding SPARQL queries use.
      if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
        throw new SparqlException(
            SparqlError.UNSUPPORTED_MEDIA_TYPE,
            "a query is sent as UTF-8; charset=" + charset + " is not accepted");
      }
      refuseUpdate(urlParams);
      if (urlParams.containsKey("query")) {
        throw new SparqlException(
            SparqlError.BAD_REQUEST,
            "a direct POST carries its query in the body, not in the URL as well");
      }
      return of(utf8(body, "the query"), urlParams);
    }
    throw new SparqlException(
        SparqlError.UNSUPPORTED_MEDIA_TYPE,
        "a query is sent as " + FORM + " (query=...) or as " + QUERY + ", not as " + essence);
  }

  private static SparqlRequest of(String query, MultivaluedMap<String, String> params) {
    if (query.isBlank()) {
      throw new SparqlException(SparqlError.MALFORMED_QUERY, "the query is empty");
    }
    return new SparqlRequest(
        query, list(params, "default-graph-uri"), list(params, "named-graph-uri"));
  }

  private static List<String> list(MultivaluedMap<String, String> params, String name) {
    List<String> values = params.get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  private static String single(MultivaluedMap<String, String> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      throw new SparqlException(
          SparqlError.BAD_REQUEST, "the request has no '" + name + "' parameter");
    }
    if (values.size() > 1) {
      throw new SparqlException(
          SparqlError.BAD_REQUEST,
          "the request has "
              + values.size()
              + " '"
              + name
              + "' parameters; the protocol allows exactly one");
    }
    return values.get(0);
  }

  private static void refuseUpdate(MultivaluedMap<String, String> params) {
    if (params.containsKey("update")
        || params.containsKey("using-graph-uri")
        || params.containsKey("using-named-graph-uri")) {
      throw readOnly();
    }
  }

  static SparqlException readOnly() {
    return new SparqlException(
        SparqlError.UPDATE_REFUSED,
        "this SPARQL endpoint is read-only: it answers queries, and updates are refused."
            + " The data changes only through the archive's catalog.");
  }

  private static void parseForm(String body, MultivaluedMap<String, String> into) {
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        into.add(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new SparqlException(
            SparqlError.BAD_REQUEST, "the form is not properly URL-encoded: " + e.getMessage());
      }
    }
  }

  private static String utf8(byte[] body, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SparqlException(SparqlError.UNSUPPORTED_MEDIA_TYPE, what + " is not valid UTF-8");
    }
  }
}
