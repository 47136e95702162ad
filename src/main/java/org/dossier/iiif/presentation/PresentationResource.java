package org.dossier.iiif.presentation;

import static org.dossier.iiif.presentation.PresentationVersion.V2;
import static org.dossier.iiif.presentation.PresentationVersion.V3;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.http.ServerContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Presentation API over HTTP (Presentation 3.0 §6): manifests, their canvases, annotation pages
 * and annotations, and collections, under {@code /iiif/3/} and, in 2.1 form, {@code /iiif/2/}.
 * The v3 URLs negotiate by {@code Accept}: no header (what Mirador sends) or any JSON-LD gets 3.0,
 * the 2.1 profile gets 2.1, {@code application/json} gets 3.0 labelled as plain JSON. Every answer
 * carries validators derived from catalog datestamps and honours conditional requests.
 */
@Path("/iiif")
@Singleton
public final class PresentationResource {
  /** Bumped whenever the documents' shape changes, so cached copies made by older code revalidate. */
  private static final int FORMAT_VERSION = 1;
  private static final Pattern PAGE = Pattern.compile("p([1-9][0-9]{0,8})");
  private static final List<Representation> V3_OFFERS =
      List.of(Representation.V3_JSON_LD, Representation.V3_JSON, Representation.V2_JSON_LD);
  private static final List<Representation> V3_ONLY = List.of(Representation.V3_JSON_LD, Representation.V3_JSON);
  private static final List<Representation> V2_OFFERS = List.of(Representation.V2_JSON_LD, Representation.V2_JSON);

  private final ServerContext context;
  private final IiifUris uris;
  private final Archive archive;
  private final ManifestV3 manifestV3;
  private final ManifestV2 manifestV2;
  private final CollectionTree tree;
  private final String cacheControl;
  private final String fingerprint;

  @Inject
  public PresentationResource(ServerContext context) {
    this.context = context;
    Settings settings = context.settings();
    this.uris = new IiifUris(context.baseUrl(), settings.get(Settings.OAI_REPOSITORY_IDENTIFIER));
    this.archive = new Archive(uris, settings.get(Settings.ARCHIVE_NAME));
    this.manifestV3 = new ManifestV3(uris, archive);
    this.manifestV2 = new ManifestV2(uris, archive);
    this.tree = new CollectionTree(settings.get(Settings.IIIF_COLLECTION_PAGE_SIZE));
    this.cacheControl = "public, max-age=" + settings.get(Settings.IIIF_PRESENTATION_CACHE_MAX_AGE);
    this.fingerprint = fingerprint(FORMAT_VERSION + "|" + uris + "|" + archive.name() + "|" + tree.pageSize());
  }

  // ---- manifests and their parts ----

  @GET
  @Path("{v: [23]}/{id}/manifest")
  public Response manifest(@PathParam("v") String v, @PathParam("id") String id, @Context HttpHeaders headers) {
    Representation representation = negotiate(headers, v.equals("3") ? V3_OFFERS : V2_OFFERS);
    Record r = liveRecord(id);
    List<ArchiveCollection> collections = r.collections().stream().map(catalog()::collection).flatMap(Optional::stream).toList();
    Instant changed = collections.stream().map(ArchiveCollection::datestamp)
        .reduce(r.datestamp(), (a, b) -> a.isAfter(b) ? a : b);
    Validators validators = Validators.of(representation, state(changed, r, collections), fingerprint, changed);
    return respond(headers, representation, validators, uris.manifest(representation.version(), id),
        () -> representation.version() == V3 ? manifestV3.manifest(r, collections) : manifestV2.manifest(r, collections));
  }

  @GET
  @Path("3/{id}/canvas/{page}")
  public Response canvas(@PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers) {
    return part(id, page, headers, (r, n) -> manifestV3.canvas(r, n, true));
  }

  @GET
  @Path("3/{id}/page/{page}")
  public Response annotationPage(@PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers) {
    return part(id, page, headers, (r, n) -> manifestV3.annotationPage(r, n, true));
  }

  @GET
  @Path("3/{id}/annotation/{page}")
  public Response annotation(@PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers) {
    return part(id, page, headers, (r, n) -> manifestV3.annotation(r, n, true));
  }

  private interface PartWriter {
    ObjectNode write(Record r, int page);
  }

  /** A canvas, annotation page or annotation of one page, served at its own id (3.0 only). */
  private Response part(String id, String page, HttpHeaders headers, PartWriter writer) {
    Representation representation = negotiate(headers, V3_ONLY);
    Record r = liveRecord(id);
    Matcher m = PAGE.matcher(page);
    int n = m.matches() ? Integer.parseInt(m.group(1)) : 0;
    if (n < 1 || n > r.pages().size()) {
      throw PresentationException.notFound("record '" + id + "' has no page '" + page + "'");
    }
    Validators validators = Validators.of(representation, state(r.datestamp(), r, List.of()), fingerprint, r.datestamp());
    return respond(headers, representation, validators, null, () -> writer.write(r, n));
  }

  // ---- collections ----

  @GET
  @Path("{v: [23]}/collection/{id}")
  public Response collection(@PathParam("v") String v, @PathParam("id") String id, @Context HttpHeaders headers) {
    return collectionNode(v, id, null, headers);
  }

  @GET
  @Path("{v: [23]}/collection/{id}/{range}")
  public Response collectionPart(@PathParam("v") String v, @PathParam("id") String id, @PathParam("range") String range,
      @Context HttpHeaders headers) {
    return collectionNode(v, id, MemberRange.parse(range), headers);
  }

  /**
   * One node of a collection's tree: the collection itself ({@code range} null) or one of its
   * child collections. A collection's content depends on its members and their collections, so its
   * validators come from the catalog's change log: any change anywhere makes them new.
   */
  private Response collectionNode(String v, String id, MemberRange range, HttpHeaders headers) {
    Representation representation = negotiate(headers, v.equals("3") ? V3_OFFERS : V2_OFFERS);
    PresentationVersion version = representation.version();
    Catalog catalog = catalog();
    long change = catalog.lastChangeSeq();
    Instant changed = catalog.changesSince(change - 1, 1).stream().map(Change::datestamp).findFirst().orElse(Instant.EPOCH);
    Supplier<ObjectNode> body;
    if (id.equals(CollectionTree.TOP)) {
      List<ArchiveCollection> all = catalog.collections();
      List<MemberRange> path = nodePath(all.size(), range, id);
      body = () -> topDocument(version, all, path);
    } else {
      ArchiveCollection c = catalog.collection(id)
          .orElseThrow(() -> PresentationException.notFound("no collection '" + id + "'"));
      List<MemberRange> path = nodePath(catalog.countCollectionMembers(id), range, id);
      body = () -> collectionDocument(version, catalog, c, path);
    }
    Validators validators = Validators.of(representation, Long.toString(change, 36), fingerprint, changed);
    String location = range == null ? uris.collection(version, id) : uris.collection(version, id) + "/" + range;
    return respond(headers, representation, validators, location, body);
  }

  private List<MemberRange> nodePath(long total, MemberRange range, String id) {
    if (range == null) {
      return List.of(MemberRange.all(total));
    }
    return tree.path(total, range).filter(p -> p.size() > 1)
        .orElseThrow(() -> PresentationException.notFound("collection '" + id + "' has no part '" + range + "'"));
  }

  private ObjectNode topDocument(PresentationVersion v, List<ArchiveCollection> all, List<MemberRange> path) {
    String label = "Collections of " + archive.name();
    CollectionDocument doc = new CollectionDocument(v, head(v, CollectionTree.TOP, label,
        "Every collection of " + archive.name() + ".", uris.home(), path, label, null, null), archive);
    MemberRange node = path.get(path.size() - 1);
    if (tree.isLeaf(node)) {
      for (ArchiveCollection c : all.subList((int) node.offset(), (int) node.last())) {
        doc.addCollection(uris.collection(v, c.id()), c.title());
      }
    } else {
      tree.children(node).forEach(child -> doc.addCollection(uris.collection(v, CollectionTree.TOP, child, false),
          partLabel(label, child)));
    }
    return doc.json();
  }

  private ObjectNode collectionDocument(PresentationVersion v, Catalog catalog, ArchiveCollection c, List<MemberRange> path) {
    CollectionDocument doc = new CollectionDocument(v, head(v, c.id(), c.title(), c.description(),
        uris.collectionPage(c.id()), path, c.title(), uris.topCollection(v), "Collections of " + archive.name()), archive);
    MemberRange node = path.get(path.size() - 1);
    if (tree.isLeaf(node)) {
      for (Record r : catalog.collectionMembers(c.id(), (int) node.offset(), (int) node.size())) {
        // A record without page scans has no manifest (a Manifest needs a Canvas, §5.3).
        if (!r.pages().isEmpty()) {
          doc.addManifest(v == V3 ? manifestV3.reference(r) : manifestV2.reference(r));
        }
      }
    } else {
      tree.children(node).forEach(child -> doc.addCollection(uris.collection(v, c.id(), child, false),
          partLabel(c.title(), child)));
    }
    return doc.json();
  }

  /**
   * The head of a collection node. A child collection is labelled with its range and is part of the
   * node above it; the root is part of {@code rootParent} (the top collection, or nothing for top).
   */
  private CollectionDocument.Head head(PresentationVersion v, String id, String label, String summary, String homepage,
      List<MemberRange> path, String rootLabel, String rootParent, String rootParentLabel) {
    MemberRange node = path.get(path.size() - 1);
    boolean root = path.size() == 1;
    if (root) {
      return new CollectionDocument.Head(uris.collection(v, id), label, summary, homepage, rootParent, rootParentLabel,
          id.equals(CollectionTree.TOP));
    }
    MemberRange parent = path.get(path.size() - 2);
    boolean parentIsRoot = path.size() == 2;
    return new CollectionDocument.Head(uris.collection(v, id, node, false), partLabel(rootLabel, node), null, null,
        uris.collection(v, id, parent, parentIsRoot), parentIsRoot ? rootLabel : partLabel(rootLabel, parent), false);
  }

  private static String partLabel(String label, MemberRange range) {
    return label + ", items " + range.first() + "\u2013" + range.last();
  }

  /** Anything else under a version's path: a JSON 404 like every other Presentation error. */
  @GET
  @Path("{v: [23]}/{rest: .*}")
  public Response unknown(@PathParam("rest") String rest) {
    throw PresentationException.notFound("no IIIF Presentation resource at '" + rest + "'");
  }

  // ---- shared ----

  private Catalog catalog() {
    return context.catalog();
  }

  /** The record, live and with page scans; otherwise the error that says why there is no manifest. */
  private Record liveRecord(String id) {
    Record r = catalog().record(id).orElseThrow(() -> PresentationException.notFound("no record '" + id + "'"));
    if (r.deleted()) {
      throw PresentationException.gone("record '" + id + "' was deleted");
    }
    if (r.pages().isEmpty()) {
      throw PresentationException.notFound("record '" + id + "' has no page scans, so it has no IIIF manifest");
    }
    return r;
  }

  private static Representation negotiate(HttpHeaders headers, List<Representation> offers) {
    List<MediaType> accept;
    try {
      accept = headers.getAcceptableMediaTypes();
    } catch (RuntimeException e) {
      accept = List.of(MediaType.WILDCARD_TYPE); // an unreadable Accept header is treated as absent
    }
    return Representation.negotiate(accept, offers).orElseThrow(() -> PresentationException.notAcceptable(
        "this resource is available as " + String.join(", ", offers.stream().map(Representation::contentType).toList())));
  }

  /**
   * The answer: 304 when the client's copy is current, otherwise the document. Both carry the
   * validators, Cache-Control and {@code Vary: Accept}; a 2.1 document negotiated on a 3.0 URL
   * names its own URL in Content-Location.
   */
  private Response respond(HttpHeaders headers, Representation representation, Validators validators,
      String ownUrl, Supplier<ObjectNode> body) {
    Response.ResponseBuilder response;
    if (validators.notModified(headers)) {
      response = Response.notModified();
    } else {
      response = Response.ok(RecordJson.MAPPER.writeValueAsBytes(body.get()))
          .header(HttpHeaders.CONTENT_TYPE, representation.contentType());
    }
    response.header(HttpHeaders.ETAG, validators.etag())
        .header(HttpHeaders.LAST_MODIFIED, validators.lastModifiedHeader())
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    if (ownUrl != null && representation.version() == V2) {
      response.header(HttpHeaders.CONTENT_LOCATION, ownUrl);
    }
    return response.build();
  }

  /**
   * The state a record's documents are computed from: the newest datestamp involved and a digest of
   * the content. Datestamps alone have whole seconds, and two imports within one second share one;
   * the digest keeps their ETags apart.
   */
  private static String state(Instant changed, Record r, List<ArchiveCollection> collections) {
    StringBuilder content = new StringBuilder(RecordJson.write(RecordJson.toJson(r)));
    collections.forEach(c -> content.append('\n').append(RecordJson.write(RecordJson.toJson(c))));
    return Long.toString(changed.getEpochSecond(), 36) + "." + RecordJson.sha256(content.toString()).substring(0, 8);
  }

  /** A short digest of the configuration every document depends on, part of every ETag. */
  private static String fingerprint(String text) {
    return RecordJson.sha256(text).substring(0, 8);
  }
}
