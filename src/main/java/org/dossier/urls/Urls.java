package org.dossier.urls;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Every public URL of Dossier, absolute and built from the configured public base URL (so that the
 * server works behind a proxy, under a path too). Each method encodes what it is given: record,
 * collection and image identifiers become percent-encoded path segments, query values are
 * form-encoded. The table of paths is the one in the README ("How the code is laid out").
 *
 * <p>Image services are named {@code {recordId}-p{n}}: page {@code n} (from 1) of a record ({@link
 * #imageId}). Presentation and Image API versions are the path's version segment, 2 or 3.
 */
public final class Urls {
  /** The path of the OAI-PMH endpoint, below the base. */
  public static final String OAI = "/oai";

  /** The path of the SPARQL endpoint, below the base. */
  public static final String SPARQL = "/sparql";

  /** The path of the archive's logo, below the base. */
  public static final String LOGO = "/iiif/logo.png";

  /** The top IIIF collection's id segment: {@code /iiif/3/collection/top}. */
  public static final String TOP_COLLECTION = "top";

  /**
   * The id segment of the IIIF collection of every document with scans ({@code
   * /iiif/3/collection/all}), listed first in the top collection, so that a crawler starting at the
   * top reaches documents that are in no collection too.
   */
  public static final String ALL_DOCUMENTS_COLLECTION = "all";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String base;
  private final String rootPath;

  /**
   * @param baseUrl the public base URL, such as {@code https://library.example.edu/archive}; a
   *     trailing slash is dropped
   * @throws IllegalArgumentException when it is not an absolute http(s) URL
   */
  public Urls(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    URI uri = URI.create(b + "/");
    if (!uri.isAbsolute()
        || uri.getRawAuthority() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + baseUrl);
    }
    this.base = b;
    this.rootPath = uri.getRawPath();
  }

  /** The base URL without a trailing slash: every absolute URL starts with it. */
  public String base() {
    return base;
  }

  /**
   * The base URL's path with a trailing slash ({@code /} or {@code /archive/}), for root-relative
   * links.
   */
  public String rootPath() {
    return rootPath;
  }

  /** An absolute URL for a path below the base, given already encoded ({@code /search?q=x}). */
  public String url(String encodedPath) {
    return base + encodedPath;
  }

  // ---- pages for people (org.dossier.web) ----

  public String home() {
    return base + "/";
  }

  /** The record's page (HTML to browsers, RDF by {@code Accept}). */
  public String recordPage(String recordId) {
    return base + "/records/" + segment(recordId);
  }

  /**
   * The record's page arrived at from a search for {@code query}, whose matches the page marks in
   * its texts; a blank query is the plain page.
   */
  public String recordPage(String recordId, String query) {
    return query == null || query.isBlank()
        ? recordPage(recordId)
        : recordPage(recordId) + "?q=" + query(query);
  }

  /** The collection's page (HTML to browsers, RDF by {@code Accept}). */
  public String collectionPage(String collectionId) {
    return base + "/collections/" + segment(collectionId);
  }

  /**
   * Page {@code page} (from 1) of the collection's list of documents; the first is the plain page.
   */
  public String collectionPage(String collectionId, int page) {
    return page == 1
        ? collectionPage(collectionId)
        : collectionPage(collectionId) + "?page=" + page;
  }

  public String search() {
    return base + "/search";
  }

  /** A search for a text (the query as the search form would send it). */
  public String search(String query) {
    return search() + "?q=" + query(query);
  }

  /**
   * The search page with parameters (text, filters, order, page) in the order given, as the search
   * form would send them: {@code ?q=treaty&person=Kim+Il+Sung}. No parameters is the bare page.
   */
  public String search(List<Map.Entry<String, String>> parameters) {
    if (parameters.isEmpty()) {
      return search();
    }
    StringJoiner q = new StringJoiner("&", "?", "");
    for (Map.Entry<String, String> p : parameters) {
      q.add(query(p.getKey()) + "=" + query(p.getValue()));
    }
    return search() + q;
  }

  /** A file the site serves from its static assets: {@code staticFile("viewer.js")}. */
  public String staticFile(String file) {
    return base + "/static/" + file;
  }

  public String robots() {
    return base + "/robots.txt";
  }

  public String sitemapIndex() {
    return base + "/sitemap.xml";
  }

  public String sitemapPart(int part) {
    return base + "/sitemap-" + part + ".xml";
  }

  // ---- OAI-PMH (org.dossier.oai) ----

  public String oai() {
    return base + OAI;
  }

  /** The repository's Identify answer, the natural link to the OAI-PMH endpoint for people. */
  public String oaiIdentify() {
    return oai() + "?verb=Identify";
  }

  /** The OAI-PMH stylesheet, root-relative so that browsers load it from the page's own origin. */
  public String oaiStylesheetPath() {
    return rootPath + "oai/oai2.xsl";
  }

  /** A GetRecord request for one record in one metadata format. */
  public String oaiGetRecord(String metadataPrefix, String oaiIdentifier) {
    return oai()
        + "?verb=GetRecord&metadataPrefix="
        + query(metadataPrefix)
        + "&identifier="
        + query(oaiIdentifier);
  }

  /** The OAI identifier of a record: {@code oai:{repositoryIdentifier}:{recordId}}. */
  public static String oaiIdentifier(String repositoryIdentifier, String recordId) {
    return "oai:" + repositoryIdentifier + ":" + recordId;
  }

  // ---- IIIF Presentation (org.dossier.iiif.presentation) ----

  public String manifest(int version, String recordId) {
    return iiif(version) + "/" + segment(recordId) + "/manifest";
  }

  /**
   * The link of the IIIF logo beside a record: its Presentation 3 manifest with the manifest
   * repeated in a {@code manifest} parameter. Clicking opens the manifest; dragging the logo into a
   * IIIF viewer (Mirador, Universal Viewer) hands it the manifest, as the IIIF drag-and-drop
   * convention has viewers read it.
   */
  public String manifestDragAndDrop(String recordId) {
    String manifest = manifest(3, recordId);
    return manifest + "?manifest=" + query(manifest);
  }

  public String canvas(int version, String recordId, int page) {
    return iiif(version) + "/" + segment(recordId) + "/canvas/p" + page;
  }

  /** The AnnotationPage of a canvas's painting annotation (Presentation 3.0). */
  public String paintingPage(String recordId, int page) {
    return iiif(3) + "/" + segment(recordId) + "/page/p" + page;
  }

  public String paintingAnnotation(int version, String recordId, int page) {
    return iiif(version) + "/" + segment(recordId) + "/annotation/p" + page;
  }

  /** The AnnotationPage of a canvas's text (OCR lines as {@code supplementing} annotations). */
  public String textPage(int version, String recordId, int page) {
    return iiif(version) + "/" + segment(recordId) + "/text/p" + page;
  }

  /**
   * One line of a page's text as an annotation: line {@code line} (from 1) of page {@code page}.
   */
  public String textAnnotation(int version, String recordId, int page, int line) {
    return textPage(version, recordId, page) + "/l" + line;
  }

  /**
   * A page's OCR file (ALTO or hOCR) as it was imported, for viewers' text overlays; the same file
   * whatever the Presentation version that links it, so it sits under 3.
   */
  public String pageOcrFile(String recordId, int page) {
    return iiif(3) + "/" + segment(recordId) + "/ocr/p" + page;
  }

  /** The single 2.1 sequence of a manifest, in page order. */
  public String sequence(String recordId) {
    return iiif(2) + "/" + segment(recordId) + "/sequence/normal";
  }

  public String collection(int version, String collectionId) {
    return iiif(version) + "/collection/" + segment(collectionId);
  }

  /** A part of a large collection, named by its range of members ({@code 1-1000}). */
  public String collectionPart(int version, String collectionId, String range) {
    return collection(version, collectionId) + "/" + segment(range);
  }

  public String topCollection(int version) {
    return collection(version, TOP_COLLECTION);
  }

  public String logo() {
    return base + LOGO;
  }

  // ---- IIIF Change Discovery (org.dossier.iiif.discovery) ----

  /** The path below the base under which the activity streams live. */
  public static final String DISCOVERY = "/iiif/discovery/activity";

  /** The OrderedCollection of every change: the stream's entry point. */
  public String changeStream() {
    return base + DISCOVERY + "/all-changes";
  }

  /** Page {@code page} (from 0, oldest first) of the stream of every change. */
  public String changeStreamPage(long page) {
    return base + DISCOVERY + "/page/" + page;
  }

  /** The OrderedCollection of one collection's changes and those of its records. */
  public String collectionChangeStream(String collectionId) {
    return base + DISCOVERY + "/collection/" + segment(collectionId);
  }

  /** Page {@code page} (from 0) of one collection's stream. */
  public String collectionChangeStreamPage(String collectionId, long page) {
    return collectionChangeStream(collectionId) + "/page/" + page;
  }

  // ---- IIIF Content Search (org.dossier.iiif.search) ----

  /**
   * The Content Search service of a record's texts ({@code version} 1 or 2) for its Presentation
   * 3.0 manifest: hits target the 3.0 canvases.
   */
  public String contentSearch(int version, String recordId) {
    return base + "/iiif/search/" + version + "/" + segment(recordId);
  }

  public String autocomplete(int version, String recordId) {
    return contentSearch(version, recordId) + "/autocomplete";
  }

  /**
   * The Content Search 1.0 service for the record's Presentation 2.1 manifest: the same search with
   * hits on the 2.1 canvases, whose ids differ from the 3.0 ones.
   */
  public String contentSearchPresentation2(String recordId) {
    return contentSearch(1, recordId) + "/presentation2";
  }

  public String autocompletePresentation2(String recordId) {
    return contentSearchPresentation2(recordId) + "/autocomplete";
  }

  /**
   * An annotation made by a Content Search answer (matched words on one line, or the context of a
   * hit), named within the record by {@code name}. Answers embed these in full; the ids are not
   * served on their own.
   */
  public String searchAnnotation(String serviceUrl, String name) {
    return serviceUrl + "/annotation/" + segment(name);
  }

  // ---- IIIF Image API (org.dossier.iiif.image) ----

  /** The identifier of the image service of page {@code page} (from 1) of a record. */
  public static String imageId(String recordId, int page) {
    return recordId + "-p" + page;
  }

  /** The base URI of an image service (info.json is below it). */
  public String imageService(int version, String imageId) {
    return base + "/iiif/image/" + version + "/" + segment(imageId);
  }

  /**
   * What ends the identifier of the lower-resolution image service of a restricted-images page:
   * {@code {recordId}-p{n}-lo}, served to everyone up to {@code access.restricted-max-size}.
   */
  public static final String DEGRADED_SUFFIX = "-lo";

  /** The lower-resolution (degraded) Image API service of a page, for users without access. */
  public String degradedImageService(int version, String recordId, int page) {
    return imageService(version, imageId(recordId, page) + DEGRADED_SUFFIX);
  }

  /** The Image API 3.0 service of page {@code page} (from 1) of a record. */
  public String imageService(String recordId, int page) {
    return imageService(3, imageId(recordId, page));
  }

  public String fullImage(String recordId, int page) {
    return imageService(recordId, page) + "/full/max/0/default.jpg";
  }

  /** A thumbnail fitting a square of {@code edge} pixels. */
  public String thumbnail(String recordId, int page, int edge) {
    return imageService(recordId, page) + "/full/!" + edge + "," + edge + "/0/default.jpg";
  }

  // ---- linked data (org.dossier.rdf) ----

  /** The URI of a thing; {@code key} is a ready segment ({@link ThingKind#key}). */
  public String thing(ThingKind kind, String key) {
    return idSpace() + kind.idSegment + "/" + key;
  }

  /** The prefix of every thing's URI ({@code {base}/id/}): the linked data's URI space. */
  public String idSpace() {
    return base + "/id/";
  }

  /**
   * The URI of the set of things of a kind, {@code {base}/id/type}: the concept scheme the document
   * types belong to.
   */
  public String things(ThingKind kind) {
    return idSpace() + kind.idSegment;
  }

  /** The document describing a thing; {@code key} is a ready segment ({@link ThingKind#key}). */
  public String description(ThingKind kind, String key) {
    return base + "/" + kind.pageSegment + "/" + key;
  }

  /**
   * The description in one RDF syntax, by extension ({@code ttl}, {@code jsonld}, {@code rdf},
   * {@code nt}).
   */
  public String description(ThingKind kind, String key, String extension) {
    return description(kind, key) + "." + extension;
  }

  /** A record's full text of one kind and language, as {@code text/plain}. */
  public String recordText(String recordId, String kind, String language) {
    return recordPage(recordId) + "/texts/" + segment(kind) + "/" + segment(language);
  }

  public String sparql() {
    return base + SPARQL;
  }

  /** A query sent to the SPARQL endpoint by GET. */
  public String sparql(String query) {
    return sparql() + "?query=" + query(query);
  }

  /** The page listing the dumps. */
  public String dumps() {
    return base + "/dumps/";
  }

  public String dump(String file) {
    return base + "/dumps/" + segment(file);
  }

  public String voidDocument() {
    return base + "/.well-known/void";
  }

  /** The dataset as VoID names it. */
  public String dataset() {
    return voidDocument() + "#dataset";
  }

  // ---- IIIF Authorization Flow 2.0 (org.dossier.iiif.auth) ----

  /** The path prefix of the IIIF Authorization Flow services. */
  public static final String AUTH = "/auth";

  /** The probe service of an image (its full image and its image service share it). */
  public String authProbe(String imageId) {
    return base + AUTH + "/probe/" + segment(imageId);
  }

  /** The access service: the login page. */
  public String authLogin() {
    return base + AUTH + "/login";
  }

  /** The access token service. */
  public String authToken() {
    return base + AUTH + "/token";
  }

  /** The logout service. */
  public String authLogout() {
    return base + AUTH + "/logout";
  }

  /**
   * The IIIF Authentication API 1.0 access token service (the 1.0 login cookie service is {@link
   * #authLogin()}, its logout service {@link #authLogout()}).
   */
  public String authToken1() {
    return base + AUTH + "/1/token";
  }

  /** True when the public base URL is https (cookies are then Secure). */
  public boolean isHttps() {
    return base.startsWith("https:");
  }

  // ---- admin API (org.dossier.api) ----

  /** The path prefix of the admin API, version 1. */
  public static final String API = "/api/v1";

  public String apiRecord(String recordId) {
    return base + API + "/records/" + segment(recordId);
  }

  public String apiCollection(String collectionId) {
    return base + API + "/collections/" + segment(collectionId);
  }

  public String apiImports() {
    return base + API + "/imports";
  }

  /** The change log after a sequence number, a page of at most {@code limit} entries. */
  public String apiChanges(long since, int limit) {
    return base + API + "/changes?since=" + since + "&limit=" + limit;
  }

  public String apiOpenApi() {
    return base + API + "/openapi.json";
  }

  // ---- operations ----

  public String health() {
    return base + "/health";
  }

  // ---- encoding ----

  private String iiif(int version) {
    return base + "/iiif/" + version;
  }

  /**
   * A value as one path segment (RFC 3986 {@code segment}): unreserved characters stay, every other
   * byte of its UTF-8 form is percent-encoded, so no value can add a segment or a query.
   */
  public static String segment(String value) {
    if (value.equals(".") || value.equals("..")) {
      // Dot segments would be removed by URI normalisation (RFC 3986, 5.2.4).
      return value.replace(".", "%2E");
    }
    if (isSafe(value)) {
      return value;
    }
    StringBuilder s = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        s.append((char) c);
      } else {
        percent(s, c);
      }
    }
    return s.toString();
  }

  /**
   * A value for a query string ({@code application/x-www-form-urlencoded}: spaces as {@code +}), as
   * HTML forms send it.
   */
  public static String query(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static boolean isSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!isUnreserved(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  static void percent(StringBuilder s, int c) {
    s.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
  }
}
