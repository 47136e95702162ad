package org.dossier.iiif.presentation;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One collection document being written, in either version: a Presentation 3.0 Collection (§5.2)
 * whose {@code items} are Manifests and Collections, or a 2.1 {@code sc:Collection} (2.1 §5.6) with
 * separate {@code collections} and {@code manifests} lists.
 */
final class CollectionDocument {
  private final PresentationVersion version;
  private final ObjectNode doc;

  /**
   * What a collection says of itself; absent values (null) are left out. {@code changes} is the
   * IIIF Change Discovery stream of the collection's changes (of every change, for the top
   * collection), linked for harvesters as a {@code seeAlso} dataset.
   */
  record Head(
      String id,
      String label,
      String summary,
      String homepage,
      String parentId,
      String parentLabel,
      boolean top,
      String changes) {}

  /** The profile of a link to a Change Discovery stream: the Discovery API's context. */
  static final String DISCOVERY_PROFILE = "http://iiif.io/api/discovery/1/context.json";

  CollectionDocument(PresentationVersion version, Head head, Archive archive) {
    this.version = version;
    if (version == PresentationVersion.V3) {
      doc = ManifestV3.document();
      doc.put("id", head.id());
      doc.put("type", "Collection");
      doc.set("label", LanguageMap.of(head.label()));
      if (head.summary() != null) {
        doc.set("summary", LanguageMap.of(head.summary()));
      }
      doc.set(
          "requiredStatement", LanguageMap.pair("Attribution", List.of(archive.attribution(null))));
      doc.putArray("provider").add(archive.providerV3());
      if (head.homepage() != null) {
        doc.putArray("homepage").add(Archive.homepageV3(head.homepage(), head.label()));
      }
      if (head.changes() != null) {
        ObjectNode stream = doc.putArray("seeAlso").addObject();
        stream.put("id", head.changes());
        stream.put("type", "Dataset");
        stream.set("label", LanguageMap.of("IIIF Change Discovery activity stream"));
        stream.put("format", "application/ld+json");
        stream.put("profile", DISCOVERY_PROFILE);
      }
      if (head.parentId() != null) {
        ObjectNode parent = doc.putArray("partOf").addObject();
        parent.put("id", head.parentId());
        parent.put("type", "Collection");
        parent.set("label", LanguageMap.of(head.parentLabel()));
      }
      doc.putArray("items");
    } else {
      doc = ManifestV2.document();
      doc.put("@id", head.id());
      doc.put("@type", "sc:Collection");
      doc.put("label", head.label());
      if (head.summary() != null) {
        doc.put("description", head.summary());
      }
      doc.put("attribution", archive.attribution(null));
      doc.put("logo", archive.urls().logo());
      if (head.homepage() != null) {
        ObjectNode related = doc.putObject("related");
        related.put("@id", head.homepage());
        related.put("format", "text/html");
      }
      if (head.top()) {
        doc.put("viewingHint", "top");
      }
      if (head.changes() != null) {
        ObjectNode stream = doc.putObject("seeAlso");
        stream.put("@id", head.changes());
        stream.put("format", "application/ld+json");
        stream.put("profile", DISCOVERY_PROFILE);
      }
      if (head.parentId() != null) {
        doc.put("within", head.parentId());
      }
      doc.putArray("collections");
      doc.putArray("manifests");
    }
  }

  void addCollection(String id, String label) {
    if (version == PresentationVersion.V3) {
      ObjectNode ref = ((ArrayNode) doc.get("items")).addObject();
      ref.put("id", id);
      ref.put("type", "Collection");
      ref.set("label", LanguageMap.of(label));
    } else {
      ObjectNode ref = ((ArrayNode) doc.get("collections")).addObject();
      ref.put("@id", id);
      ref.put("@type", "sc:Collection");
      ref.put("label", label);
    }
  }

  /**
   * Adds a manifest reference made by {@link ManifestV3#reference} or {@link ManifestV2#reference}.
   */
  void addManifest(ObjectNode reference) {
    ((ArrayNode) doc.get(version == PresentationVersion.V3 ? "items" : "manifests")).add(reference);
  }

  ObjectNode json() {
    if (version == PresentationVersion.V2) {
      // 2.1 lists only what a collection has.
      for (String list : new String[] {"collections", "manifests"}) {
        if (doc.get(list).isEmpty()) {
          doc.remove(list);
        }
      }
    }
    return doc;
  }
}
