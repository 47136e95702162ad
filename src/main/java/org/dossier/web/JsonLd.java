package org.dossier.web;

import java.util.List;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * schema.org descriptions of the pages, embedded as JSON-LD for search engines: the site with its
 * search action, a collection with the documents shown, a results list, and a document as an {@code
 * ArchiveComponent}.
 */
final class JsonLd {
  private static final String CONTEXT = "https://schema.org";

  private JsonLd() {}

  static ObjectNode website(Site site) {
    ObjectNode n = node("WebSite");
    n.put("name", site.archiveName());
    n.put("url", site.urls().home());
    ObjectNode action = n.putObject("potentialAction");
    action.put("@type", "SearchAction");
    action.put("target", site.urls().search() + "?q={search_term_string}");
    action.put("query-input", "required name=search_term_string");
    return n;
  }

  static ObjectNode collection(
      Site site, ArchiveCollection c, long size, List<org.dossier.search.Hit> shown) {
    ObjectNode n = node("Collection");
    n.put("@id", site.urls().collectionPage(c.id()));
    n.put("url", site.urls().collectionPage(c.id()));
    n.put("name", c.title());
    if (c.description() != null) {
      n.put("description", c.description());
    }
    n.put("collectionSize", size);
    n.putObject("isPartOf")
        .put("@type", "WebSite")
        .put("name", site.archiveName())
        .put("url", site.urls().home());
    ArrayNode parts = n.putArray("hasPart");
    for (org.dossier.search.Hit h : shown) {
      parts.add(recordReference(site, h.id(), h.title().text()));
    }
    return n;
  }

  static ObjectNode searchResults(Site site, String url, long total, List<String[]> hits) {
    ObjectNode n = node("SearchResultsPage");
    n.put("url", url);
    ObjectNode list = n.putObject("mainEntity");
    list.put("@type", "ItemList");
    list.put("numberOfItems", total);
    ArrayNode items = list.putArray("itemListElement");
    int position = 1;
    for (String[] hit : hits) {
      ObjectNode item = items.addObject();
      item.put("@type", "ListItem");
      item.put("position", position++);
      item.put("url", site.urls().recordPage(hit[0]));
      item.put("name", hit[1]);
    }
    return n;
  }

  static ObjectNode record(Site site, Record r, List<ArchiveCollection> collections) {
    ObjectNode n = node("ArchiveComponent");
    n.put("@id", site.urls().recordPage(r.id()));
    n.put("url", site.urls().recordPage(r.id()));
    n.put("identifier", r.id());
    n.put("name", r.title());
    if (r.summary() != null) {
      n.put("description", r.summary());
    }
    if (r.date() != null) {
      n.put("dateCreated", r.date().toString());
    }
    if (r.type() != null) {
      n.put("genre", r.type());
    }
    if (!r.languages().isEmpty()) {
      ArrayNode langs = n.putArray("inLanguage");
      r.languages().forEach(langs::add);
    }
    if (!r.people().isEmpty()) {
      ArrayNode about = n.putArray("mentions");
      r.people().forEach(p -> about.addObject().put("@type", "Person").put("name", p));
    }
    if (!r.places().isEmpty()) {
      ArrayNode places = n.putArray("spatialCoverage");
      r.places().forEach(p -> places.addObject().put("@type", "Place").put("name", p));
    }
    if (!r.subjects().isEmpty()) {
      ArrayNode keywords = n.putArray("keywords");
      r.subjects().forEach(keywords::add);
    }
    if (r.source() != null) {
      n.put("itemLocation", r.source());
    }
    if (r.archive() != null) {
      n.putObject("holdingArchive").put("@type", "ArchiveOrganization").put("name", r.archive());
    }
    if (r.rights() != null) {
      n.put("license", r.rights());
    }
    if (!collections.isEmpty()) {
      ArrayNode parts = n.putArray("isPartOf");
      for (ArchiveCollection c : collections) {
        parts
            .addObject()
            .put("@type", "Collection")
            .put("@id", site.urls().collectionPage(c.id()))
            .put("name", c.title());
      }
    }
    if (!r.pages().isEmpty()) {
      n.put("numberOfPages", r.pages().size());
      ObjectNode manifest = n.putObject("subjectOf");
      manifest.put("@type", "CreativeWork");
      manifest.put("url", site.urls().manifest(3, r.id()));
      manifest.put(
          "encodingFormat",
          "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"");
      manifest.put("name", "IIIF Presentation manifest");
    }
    n.put("dateModified", r.datestamp().toString());
    return n;
  }

  static ObjectNode recordReference(Site site, String id, String title) {
    ObjectNode n = RecordJson.MAPPER.createObjectNode();
    n.put("@type", "ArchiveComponent");
    n.put("@id", site.urls().recordPage(id));
    n.put("name", title);
    return n;
  }

  private static ObjectNode node(String type) {
    ObjectNode n = RecordJson.MAPPER.createObjectNode();
    n.put("@context", CONTEXT);
    n.put("@type", type);
    return n;
  }

  /**
   * The JSON text, safe inside a {@code <script>} element: '<', '>' and '&' only occur in JSON
   * strings, where their \\u escapes mean the same, and so "</script>" cannot end the element.
   */
  static String toScript(ObjectNode json) {
    return RecordJson.write(json)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026");
  }
}
