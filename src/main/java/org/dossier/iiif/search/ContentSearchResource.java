package org.dossier.iiif.search;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Content Search and autocomplete services of every record with pages: {@code
 * /iiif/search/2/{id}} and {@code /iiif/search/1/{id}} for the Presentation 3.0 manifest, {@code
 * /iiif/search/1/{id}/presentation2} for the 2.1 one, each with {@code /autocomplete} below it.
 * Answers carry validators from the record's state and the Cache-Control of manifests, so a
 * repeated search revalidates with a 304.
 */
@Path("/iiif/search")
public final class ContentSearchResource {
  /**
   * Bumped whenever the answers' shape changes, so that copies cached from older code revalidate.
   */
  private static final int FORMAT_VERSION = 1;

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ENGLISH);
  private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?(\"[^\"]*\")");

  private final Catalog catalog;
  private final SearchAnswers answers;
  private final IndexCache cache;
  private final int maxQueryLength;
  private final String cacheControl;
  private final String fingerprint;

  ContentSearchResource(
      Catalog catalog,
      SearchAnswers answers,
      IndexCache cache,
      int maxQueryLength,
      int cacheMaxAge,
      String baseUrl) {
    this.catalog = catalog;
    this.answers = answers;
    this.cache = cache;
    this.maxQueryLength = maxQueryLength;
    this.cacheControl = "public, max-age=" + cacheMaxAge;
    this.fingerprint =
        RecordJson.sha256(
                FORMAT_VERSION
                    + "|"
                    + baseUrl
                    + "|"
                    + answers.pageSize()
                    + "|"
                    + answers.termLimit())
            .substring(0, 8);
  }

  @GET
  @Path("{v: [12]}/{id}")
  public Response search(
      @PathParam("v") int v,
      @PathParam("id") String id,
      @Context UriInfo uri,
      @Context HttpHeaders headers) {
    return answer(v == 2 ? SearchApi.V2 : SearchApi.V1, id, false, uri, headers);
  }

  @GET
  @Path("{v: [12]}/{id}/autocomplete")
  public Response autocomplete(
      @PathParam("v") int v,
      @PathParam("id") String id,
      @Context UriInfo uri,
      @Context HttpHeaders headers) {
    return answer(v == 2 ? SearchApi.V2 : SearchApi.V1, id, true, uri, headers);
  }

  @GET
  @Path("1/{id}/presentation2")
  public Response searchPresentation2(
      @PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
    return answer(SearchApi.V1_PRESENTATION2, id, false, uri, headers);
  }

  @GET
  @Path("1/{id}/presentation2/autocomplete")
  public Response autocompletePresentation2(
      @PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
    return answer(SearchApi.V1_PRESENTATION2, id, true, uri, headers);
  }

  /** Anything else below {@code /iiif/search}: a JSON 404 like every other error here. */
  @GET
  @Path("{rest: .*}")
  public Response unknown(@PathParam("rest") String rest) {
    throw SearchException.notFound("no IIIF Content Search service at '" + rest + "'");
  }

  private Response answer(
      SearchApi api, String id, boolean autocomplete, UriInfo uri, HttpHeaders headers) {
    Record r = liveRecord(id);
    SearchRequest request = SearchRequest.parse(parameters(uri), autocomplete, maxQueryLength);
    String state = state(r);
    boolean plainJson = prefersPlainJson(headers);
    String etag =
        "\"s" + api.ordinal() + (plainJson ? "j" : "l") + "-" + state + "-" + fingerprint + "\"";
    Response.ResponseBuilder response;
    if (notModified(headers, etag, r.datestamp())) {
      response = Response.notModified();
    } else {
      WordIndex index =
          cache.get(
              r.id(), state, () -> WordIndex.of(catalog.pageOcrs(r.id()), catalog.texts(r.id())));
      ObjectNode body =
          autocomplete
              ? answers.autocomplete(api, r.id(), index, request)
              : answers.search(api, r.id(), index, request);
      byte[] json = RecordJson.MAPPER.writeValueAsBytes(body);
      response =
          Response.ok(json)
              .header(
                  HttpHeaders.CONTENT_TYPE,
                  plainJson ? MediaType.APPLICATION_JSON : api.jsonLdType())
              .header(HttpHeaders.CONTENT_LENGTH, json.length);
    }
    return response
        .header(HttpHeaders.ETAG, etag)
        .header(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(r.datestamp().atOffset(ZoneOffset.UTC)))
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .build();
  }

  /**
   * The record whose text is searched: live, and with pages, as its manifest is (the service is the
   * manifest's); otherwise the error its manifest answers with.
   */
  private Record liveRecord(String id) {
    Record r =
        catalog.record(id).orElseThrow(() -> SearchException.notFound("no record '" + id + "'"));
    if (r.deleted()) {
      throw SearchException.gone("record '" + id + "' was deleted");
    }
    if (r.pages().isEmpty()) {
      throw SearchException.notFound(
          "record '" + id + "' has no page scans, so it has no IIIF manifest to search");
    }
    return r;
  }

  /**
   * What an answer is computed from: the datestamp and a digest of the record as stored. A change
   * of its texts or OCR moves the datestamp; two imports within one second share a datestamp, and
   * the digest keeps them apart.
   */
  private static String state(Record r) {
    return Long.toString(r.datestamp().getEpochSecond(), 36)
        + "."
        + RecordJson.sha256(RecordJson.write(RecordJson.toJson(r))).substring(0, 8);
  }

  private static MultivaluedMap<String, String> parameters(UriInfo uri) {
    try {
      return uri.getQueryParameters();
    } catch (IllegalArgumentException e) {
      throw SearchException.badRequest("the query string is not valid: " + e.getMessage());
    }
  }

  /**
   * True when the client accepts {@code application/json} but not JSON-LD. The body is the same;
   * only its label differs, as for manifests (the preferred acceptable type decides).
   */
  static boolean prefersPlainJson(HttpHeaders headers) {
    List<MediaType> accept;
    try {
      accept = headers.getAcceptableMediaTypes();
    } catch (RuntimeException e) {
      return false; // an unreadable Accept header is treated as absent
    }
    MediaType jsonLd = new MediaType("application", "ld+json");
    for (MediaType range : accept) {
      if (range.isCompatible(jsonLd)) {
        return false;
      }
      if (range.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The conditional GET (RFC 9110 §13.1): {@code If-None-Match} by weak comparison when present,
   * otherwise {@code If-Modified-Since} against the record's datestamp.
   */
  static boolean notModified(HttpHeaders headers, String etag, Instant lastModified) {
    String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      if (ifNoneMatch.strip().equals("*")) {
        return true;
      }
      Matcher m = ENTITY_TAG.matcher(ifNoneMatch);
      while (m.find()) {
        if (m.group(1).equals(etag)) {
          return true;
        }
      }
      return false;
    }
    String since = headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
    if (since == null) {
      return false;
    }
    try {
      return !lastModified.isAfter(
          ZonedDateTime.parse(since.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return false; // an invalid date is ignored (RFC 9110 §13.1.3)
    }
  }
}
