package org.dossier.iiif.discovery;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.dossier.catalog.Change;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.StreamEntry;
import org.dossier.urls.ThingKind;
import org.dossier.urls.Urls;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a stream's OrderedCollection and its OrderedCollectionPages (Discovery 1.0 §3.1–3.3), as
 * bytes, with Jackson's streaming generator: a page of a thousand activities is written without a
 * tree of nodes.
 */
final class StreamDocuments {
  static final String CONTEXT = "http://iiif.io/api/discovery/1/context.json";

  private final Urls urls;
  private final String rights;

  /**
   * @param rights the licence of the streams' data (a Creative Commons or RightsStatements.org
   *     URI), or null to state none
   */
  StreamDocuments(Urls urls, String rights) {
    this.urls = urls;
    this.rights = rights;
  }

  /**
   * The stream's OrderedCollection: {@code first}, {@code last}, {@code totalItems}, the licence,
   * the DCAT description of the dataset ({@code seeAlso}), and for a collection's stream the stream
   * of all changes it is {@code partOf}.
   */
  byte[] collection(ActivityStream stream, long total, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = RecordJson.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("@context", CONTEXT);
      g.writeStringProperty("id", stream.id(urls));
      g.writeStringProperty("type", "OrderedCollection");
      g.writeNumberProperty("totalItems", total);
      if (rights != null) {
        g.writeStringProperty("rights", rights);
      }
      g.writeArrayPropertyStart("seeAlso");
      g.writeStartObject();
      g.writeStringProperty("id", urls.voidDocument());
      g.writeStringProperty("type", "Dataset");
      g.writeObjectPropertyStart("label");
      g.writeArrayPropertyStart("en");
      g.writeString("DCAT and VoID description of the dataset");
      g.writeEndArray();
      g.writeEndObject();
      g.writeStringProperty("format", "text/turtle");
      g.writeStringProperty("profile", "http://www.w3.org/ns/dcat#");
      g.writeEndObject();
      g.writeEndArray();
      if (!stream.isAll()) {
        g.writeArrayPropertyStart("partOf");
        reference(g, null, urls.changeStream(), "OrderedCollection");
        g.writeEndArray();
      }
      reference(g, "first", stream.pageId(urls, 0), "OrderedCollectionPage");
      reference(
          g,
          "last",
          stream.pageId(urls, ActivityStream.lastPage(total, size)),
          "OrderedCollectionPage");
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * Page {@code page} of the stream: its activities oldest first, {@code startIndex}, {@code prev}
   * except on the first page and {@code next} except on the last.
   */
  byte[] page(ActivityStream stream, long page, int size, boolean last, List<StreamEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + entries.size() * 200);
    try (JsonGenerator g = RecordJson.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("@context", CONTEXT);
      g.writeStringProperty("id", stream.pageId(urls, page));
      g.writeStringProperty("type", "OrderedCollectionPage");
      reference(g, "partOf", stream.id(urls), "OrderedCollection");
      g.writeNumberProperty("startIndex", page * size);
      if (page > 0) {
        reference(g, "prev", stream.pageId(urls, page - 1), "OrderedCollectionPage");
      }
      if (!last) {
        reference(g, "next", stream.pageId(urls, page + 1), "OrderedCollectionPage");
      }
      g.writeArrayPropertyStart("orderedItems");
      for (StreamEntry e : entries) {
        activity(g, stream, e);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * One activity (§3.3). Its {@code object} is the 3.0 variant of the manifest or collection (§4.3:
   * negotiable resources are not listed, variants are), with the {@code canonical} URI of the thing
   * it presents, the same for every variant. A refresh marker has a {@code startTime} and no object
   * (§2.1.5); a record that left the collection of this stream is a {@code Remove} from it.
   */
  private void activity(JsonGenerator g, ActivityStream stream, StreamEntry e) {
    g.writeStartObject();
    String time = e.datestamp().toString();
    switch (e.kind()) {
      case REFRESH -> {
        g.writeStringProperty("type", "Refresh");
        g.writeStringProperty("startTime", time);
        g.writeEndObject();
        return;
      }
      case CREATED -> g.writeStringProperty("type", "Create");
      case UPDATED -> g.writeStringProperty("type", "Update");
      case DELETED -> g.writeStringProperty("type", "Delete");
      case LEFT -> g.writeStringProperty("type", "Remove");
    }
    g.writeObjectPropertyStart("object");
    if (e.entity() == Change.Entity.COLLECTION) {
      g.writeStringProperty("id", urls.collection(3, e.id()));
      g.writeStringProperty("type", "Collection");
      g.writeStringProperty("canonical", urls.thing(ThingKind.COLLECTION, e.id()));
    } else {
      g.writeStringProperty("id", urls.manifest(3, e.id()));
      g.writeStringProperty("type", "Manifest");
      g.writeStringProperty("canonical", urls.thing(ThingKind.RECORD, e.id()));
    }
    g.writeEndObject();
    if (e.kind() == StreamEntry.Kind.LEFT) {
      reference(g, "origin", stream.id(urls), "OrderedCollection");
    }
    g.writeStringProperty("endTime", time);
    g.writeEndObject();
  }

  /** {@code "name": {"id": …, "type": …}}, or the bare object inside an array when name is null. */
  private static void reference(JsonGenerator g, String name, String id, String type) {
    if (name != null) {
      g.writeName(name);
    }
    g.writeStartObject();
    g.writeStringProperty("id", id);
    g.writeStringProperty("type", type);
    g.writeEndObject();
  }
}
