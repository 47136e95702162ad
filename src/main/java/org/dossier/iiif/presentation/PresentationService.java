package org.dossier.iiif.presentation;

import static org.dossier.iiif.presentation.PresentationVersion.V2;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Presentation resources share: the document writers built from the configuration, the
 * choice of representation by {@code Accept}, and the answer with its validators, which is a 304
 * when the client's copy is current (Presentation 3.0 §6, HTTP caching of RFC 9111).
 */
final class PresentationService {
  /** Bumped whenever the documents' shape changes, so copies cached from older code revalidate. */
  private static final int FORMAT_VERSION = 2;

  /** On 3.0 URLs: 3.0 unless the client asks for 2.1 by its profile. */
  static final List<Representation> V3_OFFERS =
      List.of(Representation.V3_JSON_LD, Representation.V3_JSON, Representation.V2_JSON_LD);

  static final List<Representation> V3_ONLY =
      List.of(Representation.V3_JSON_LD, Representation.V3_JSON);
  static final List<Representation> V2_OFFERS =
      List.of(Representation.V2_JSON_LD, Representation.V2_JSON);

  private final Catalog catalog;
  final Urls urls;
  final Archive archive;
  final ManifestV3 manifestV3;
  final ManifestV2 manifestV2;
  final CollectionTree tree;
  final TextLayer text;

  /** The data directory, which page OCR files are paths inside of. */
  final Path dataDir;

  private final String cacheControl;
  private final String fingerprint;

  PresentationService(Catalog catalog, Settings settings, Urls urls) {
    this.catalog = catalog;
    this.urls = urls;
    this.archive =
        new Archive(
            urls,
            settings.get(Settings.ARCHIVE_NAME),
            settings.get(Settings.OAI_REPOSITORY_IDENTIFIER));
    this.manifestV3 = new ManifestV3(archive);
    this.manifestV2 = new ManifestV2(archive);
    this.text = new TextLayer(urls);
    this.dataDir = settings.dataDir().toAbsolutePath().normalize();
    this.tree = new CollectionTree(settings.get(Settings.IIIF_COLLECTION_PAGE_SIZE));
    this.cacheControl = "public, max-age=" + settings.get(Settings.IIIF_PRESENTATION_CACHE_MAX_AGE);
    this.fingerprint =
        RecordJson.sha256(
                FORMAT_VERSION
                    + "|"
                    + urls.base()
                    + "|"
                    + archive.repositoryIdentifier()
                    + "|"
                    + archive.name()
                    + "|"
                    + tree.pageSize())
            .substring(0, 8);
  }

  String cacheControl() {
    return cacheControl;
  }

  Catalog catalog() {
    return catalog;
  }

  /**
   * A node of a collection's tree: the collection itself for its root range, a part of it
   * otherwise.
   */
  String collectionNode(
      PresentationVersion v, String collectionId, MemberRange range, boolean root) {
    return root
        ? urls.collection(v.number(), collectionId)
        : urls.collectionPart(v.number(), collectionId, range.toString());
  }

  /** The offers for a version's URL ({@code "3"} or {@code "2"} from the path). */
  static List<Representation> offers(String version) {
    return version.equals("3") ? V3_OFFERS : V2_OFFERS;
  }

  /**
   * The representation the request's {@code Accept} header prefers among {@code offers}.
   *
   * @throws PresentationException 406 when none is acceptable
   */
  static Representation negotiate(HttpHeaders headers, List<Representation> offers) {
    List<MediaType> accept;
    try {
      accept = headers.getAcceptableMediaTypes();
    } catch (RuntimeException e) {
      accept = List.of(MediaType.WILDCARD_TYPE); // an unreadable Accept header is treated as absent
    }
    return Representation.negotiate(accept, offers)
        .orElseThrow(
            () ->
                PresentationException.notAcceptable(
                    "this resource is available as "
                        + String.join(
                            ", ", offers.stream().map(Representation::contentType).toList())));
  }

  /**
   * Validators for a document computed from catalog state.
   *
   * @param state what the content depends on: a datestamp with a content digest, or a change-log
   *     sequence number; the configuration's fingerprint is added here
   */
  Validators validators(Representation representation, String state, Instant lastModified) {
    return Validators.of(representation, state, fingerprint, lastModified);
  }

  /**
   * The answer: 304 when the client's copy is current, otherwise the document. Both carry the
   * validators, Cache-Control and {@code Vary: Accept}; a 2.1 document names its own URL in
   * Content-Location, as it may have been negotiated on a 3.0 URL.
   *
   * @param ownUrl the URL of the document in the chosen version, or null when it has only one
   */
  Response respond(
      HttpHeaders headers,
      Representation representation,
      Validators validators,
      String ownUrl,
      Supplier<ObjectNode> body) {
    Response.ResponseBuilder response;
    if (validators.notModified(headers)) {
      response = Response.notModified();
    } else {
      byte[] json = RecordJson.MAPPER.writeValueAsBytes(body.get());
      response =
          Response.ok(json)
              .header(HttpHeaders.CONTENT_TYPE, representation.contentType())
              .header(HttpHeaders.CONTENT_LENGTH, json.length);
    }
    response
        .header(HttpHeaders.ETAG, validators.etag())
        .header(HttpHeaders.LAST_MODIFIED, validators.lastModifiedHeader())
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    if (ownUrl != null && representation.version() == V2) {
      response.header(HttpHeaders.CONTENT_LOCATION, ownUrl);
    }
    return response.build();
  }
}
