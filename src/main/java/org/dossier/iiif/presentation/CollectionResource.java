package org.dossier.iiif.presentation;

import static org.dossier.iiif.presentation.PresentationVersion.V3;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;
import org.dossier.catalog.Record;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collections (Presentation 3.0 §5.2, 2.1 §5.6): {@code /iiif/{3|2}/collection/top} lists every
 * collection, {@code /iiif/{3|2}/collection/{id}} a collection's manifests in date order, and
 * {@code …/{id}/{first}-{last}} one part of a collection split by {@link CollectionTree}. A
 * collection depends on its members and their collections, so its validators come from the
 * catalog's change log: any change anywhere makes them new.
 */
@Path("/iiif")
public final class CollectionResource {
  private final PresentationService service;

  CollectionResource(PresentationService service) {
    this.service = service;
  }

  @GET
  @Path("{v: [23]}/collection/{id}")
  public Response collection(
      @PathParam("v") String v, @PathParam("id") String id, @Context HttpHeaders headers) {
    return node(v, id, null, headers);
  }

  @GET
  @Path("{v: [23]}/collection/{id}/{range}")
  public Response collectionPart(
      @PathParam("v") String v,
      @PathParam("id") String id,
      @PathParam("range") String range,
      @Context HttpHeaders headers) {
    return node(v, id, MemberRange.parse(range), headers);
  }

  /**
   * One node of a collection's tree: the collection itself ({@code range} null) or one of its
   * parts.
   */
  private Response node(String v, String id, MemberRange range, HttpHeaders headers) {
    Catalog catalog = service.catalog();
    if (!id.equals(CollectionTree.TOP)
        && !id.equals(CollectionTree.ALL)
        && catalog.collection(id).isEmpty()) {
      // what does not exist is 404 whatever the client accepts
      throw PresentationException.notFound("no collection '" + id + "'");
    }
    Representation representation =
        PresentationService.negotiate(headers, PresentationService.offers(v));
    PresentationVersion version = representation.version();
    long change = catalog.lastChangeSeq();
    Instant changed =
        catalog.changesSince(change - 1, 1).stream()
            .map(Change::datestamp)
            .findFirst()
            .orElse(Instant.EPOCH);
    Supplier<ObjectNode> body;
    if (id.equals(CollectionTree.TOP)) {
      List<ArchiveCollection> all = catalog.collections();
      boolean anyScans = catalog.countRecordsWithScans() > 0;
      List<MemberRange> path = path(all.size() + (anyScans ? 1 : 0), range, id);
      body = () -> top(version, anyScans, all, path);
    } else if (id.equals(CollectionTree.ALL)) {
      List<MemberRange> path = path(catalog.countRecordsWithScans(), range, id);
      body = () -> allDocuments(version, catalog, path);
    } else {
      ArchiveCollection c =
          catalog
              .collection(id)
              .orElseThrow(() -> PresentationException.notFound("no collection '" + id + "'"));
      List<MemberRange> path = path(catalog.countCollectionMembers(id), range, id);
      body = () -> collection(version, catalog, c, path);
    }
    Validators validators = service.validators(representation, Long.toString(change, 36), changed);
    String ownUrl = service.collectionNode(version, id, range, range == null);
    return service.respond(headers, representation, validators, ownUrl, body);
  }

  /**
   * The nodes from the collection's root down to the one asked for; a range that is no part is 404.
   */
  private List<MemberRange> path(long total, MemberRange range, String id) {
    if (range == null) {
      return List.of(MemberRange.all(total));
    }
    return service
        .tree
        .path(total, range)
        .filter(p -> p.size() > 1)
        .orElseThrow(
            () ->
                PresentationException.notFound(
                    "collection '" + id + "' has no part '" + range + "'"));
  }

  private String topLabel() {
    return "Collections of " + service.archive.name();
  }

  private String allLabel() {
    return "All documents of " + service.archive.name();
  }

  /** Every document with scans, in date order, paged like any collection. */
  private ObjectNode allDocuments(PresentationVersion v, Catalog catalog, List<MemberRange> path) {
    CollectionDocument doc =
        new CollectionDocument(
            v,
            head(
                v,
                CollectionTree.ALL,
                allLabel(),
                "Every document of "
                    + service.archive.name()
                    + " with scans, whether or not it is in a collection, by date.",
                service.urls.home(),
                path,
                service.urls.topCollection(v.number()),
                topLabel()),
            service.archive);
    MemberRange node = path.get(path.size() - 1);
    if (service.tree.isLeaf(node)) {
      for (Record r : catalog.recordsWithScans((int) node.offset(), (int) node.size())) {
        doc.addManifest(
            v == V3 ? service.manifestV3.reference(r) : service.manifestV2.reference(r));
      }
    } else {
      addParts(v, doc, CollectionTree.ALL, allLabel(), node);
    }
    return doc.json();
  }

  /**
   * The top collection: the collection of all documents (when any has scans), then every collection
   * of the archive.
   */
  private ObjectNode top(
      PresentationVersion v,
      boolean anyScans,
      List<ArchiveCollection> all,
      List<MemberRange> path) {
    CollectionDocument doc =
        new CollectionDocument(
            v,
            head(
                v,
                CollectionTree.TOP,
                topLabel(),
                "Every collection of " + service.archive.name() + ", and all its documents.",
                service.urls.home(),
                path,
                null,
                null),
            service.archive);
    MemberRange node = path.get(path.size() - 1);
    if (service.tree.isLeaf(node)) {
      int shift = anyScans ? 1 : 0;
      for (long i = node.offset(); i < node.last(); i++) {
        if (anyScans && i == 0) {
          doc.addCollection(service.urls.collection(v.number(), CollectionTree.ALL), allLabel());
        } else {
          ArchiveCollection c = all.get((int) i - shift);
          doc.addCollection(service.urls.collection(v.number(), c.id()), c.title());
        }
      }
    } else {
      addParts(v, doc, CollectionTree.TOP, topLabel(), node);
    }
    return doc.json();
  }

  private ObjectNode collection(
      PresentationVersion v, Catalog catalog, ArchiveCollection c, List<MemberRange> path) {
    CollectionDocument doc =
        new CollectionDocument(
            v,
            head(
                v,
                c.id(),
                c.title(),
                c.description(),
                service.urls.collectionPage(c.id()),
                path,
                service.urls.topCollection(v.number()),
                topLabel()),
            service.archive);
    MemberRange node = path.get(path.size() - 1);
    if (service.tree.isLeaf(node)) {
      for (Record r : catalog.collectionMembers(c.id(), (int) node.offset(), (int) node.size())) {
        // A record without page scans has no manifest (a Manifest needs a Canvas, §5.3).
        if (!r.pages().isEmpty()) {
          doc.addManifest(
              v == V3 ? service.manifestV3.reference(r) : service.manifestV2.reference(r));
        }
      }
    } else {
      addParts(v, doc, c.id(), c.title(), node);
    }
    return doc.json();
  }

  private void addParts(
      PresentationVersion v, CollectionDocument doc, String id, String label, MemberRange node) {
    for (MemberRange child : service.tree.children(node)) {
      doc.addCollection(service.collectionNode(v, id, child, false), partLabel(label, child));
    }
  }

  /**
   * The head of a collection node. A part is labelled with its range and is part of the node above
   * it; the root is part of {@code rootParent} (the top collection, or nothing for top itself).
   */
  private CollectionDocument.Head head(
      PresentationVersion v,
      String id,
      String label,
      String summary,
      String homepage,
      List<MemberRange> path,
      String rootParent,
      String rootParentLabel) {
    MemberRange node = path.get(path.size() - 1);
    if (path.size() == 1) {
      return new CollectionDocument.Head(
          service.urls.collection(v.number(), id),
          label,
          summary,
          homepage,
          rootParent,
          rootParentLabel,
          id.equals(CollectionTree.TOP),
          id.equals(CollectionTree.TOP) || id.equals(CollectionTree.ALL)
              ? service.urls.changeStream()
              : service.urls.collectionChangeStream(id));
    }
    MemberRange parent = path.get(path.size() - 2);
    boolean parentIsRoot = path.size() == 2;
    return new CollectionDocument.Head(
        service.collectionNode(v, id, node, false),
        partLabel(label, node),
        null,
        null,
        service.collectionNode(v, id, parent, parentIsRoot),
        parentIsRoot ? label : partLabel(label, parent),
        false,
        null);
  }

  private static String partLabel(String label, MemberRange range) {
    return label + ", items " + range.first() + "\u2013" + range.last();
  }
}
