package org.dossier.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;
import org.dossier.search.Facet;
import org.dossier.search.TextSnippet;
import org.dossier.urls.Routes;
import org.dossier.urls.ThingKind;
import org.dossier.urls.Urls;

/**
 * {@code GET /records/{id}} for browsers: the document's title, date, summary and details, its
 * collections, links to its IIIF manifest, OAI-PMH record and RDF, and its scans in Mirador (served
 * from {@code /static/mirador/}). A deleted record answers 410 Gone: it existed and was withdrawn,
 * and harvesters keep its tombstone. Linked-data clients get RDF from the same URL, by {@code
 * Accept} (see {@link Routes}).
 */
@Path(Routes.RECORD)
public final class RecordPage {
  /** At most this many passages of a document are marked, which bounds the work of one page. */
  private static final int MAX_MARKED = 1_000;

  private final SitePages pages;

  RecordPage(SitePages pages) {
    this.pages = pages;
  }

  @GET
  @Produces("text/html")
  public Response record(@PathParam("id") String id, @QueryParam("q") String q) {
    return pages.respond(
        () -> {
          Catalog catalog = pages.catalog();
          Optional<Record> found = catalog.record(id);
          if (found.isEmpty()) {
            return pages.notFound("There is no document with the id “" + id + "”.");
          }
          Record r = found.get();
          if (r.deleted()) {
            return pages.error(
                410,
                "Document withdrawn",
                "The document “" + id + "” was withdrawn from the archive.");
          }
          Site site = pages.site();
          Urls urls = site.urls();
          List<ArchiveCollection> collections = new ArrayList<>();
          for (String c : r.collections()) {
            catalog.collection(c).ifPresent(collections::add);
          }
          Views.Link type =
              r.type() == null
                  ? null
                  : new Views.Link(r.type(), filter(urls, Facet.TYPE, r.type()));
          Views.Link rights =
              r.rights() == null ? null : new Views.Link(Rights.label(r.rights()), r.rights());
          String query = q == null || q.isBlank() ? null : q.strip();
          List<Views.TextSection> texts = texts(r, query);
          Page page =
              pages.page(
                  r.title(),
                  urls.recordPage(r.id()),
                  r.summary(),
                  JsonLd.record(site, r, collections));
          RecordView view =
              new RecordView(
                  page,
                  r.title(),
                  DisplayDate.padded(r.date()),
                  r.summary(),
                  type,
                  r.people().stream()
                      .map(p -> new Views.Link(p, filter(urls, Facet.PERSON, p)))
                      .toList(),
                  r.places().stream()
                      .map(p -> new Views.Link(p, filter(urls, Facet.PLACE, p)))
                      .toList(),
                  r.subjects(),
                  r.languages(),
                  r.source(),
                  r.archive(),
                  rights,
                  collections.stream()
                      .map(c -> new Views.Link(c.title(), urls.collectionPage(c.id())))
                      .toList(),
                  r.pages().size(),
                  urls.manifest(3, r.id()),
                  urls.manifestDragAndDrop(r.id()),
                  urls.oaiGetRecord(
                      "oai_dc", Urls.oaiIdentifier(site.oaiRepositoryIdentifier(), r.id())),
                  urls.description(ThingKind.RECORD, ThingKind.RECORD.key(r.id()), "ttl"),
                  urls.staticFile("viewer.js"),
                  urls.staticFile("mirador/mirador.min.js"),
                  urls.staticFile("iiif-logo.svg"),
                  texts,
                  r.id(),
                  query,
                  texts.isEmpty() ? null : urls.search());
          // The URL also serves RDF by Accept (org.dossier.rdf.web), so caches must key on Accept.
          return Response.fromResponse(pages.ok("record.jte", view))
              .header("Vary", "Accept")
              .build();
        });
  }

  /**
   * The record's texts, or its pages' OCR when it has no texts, with the places a search for {@code
   * query} matched marked (none when the index does not have the record yet).
   */
  private List<Views.TextSection> texts(Record r, String query) {
    Catalog catalog = pages.catalog();
    List<RecordText> texts = r.texts().isEmpty() ? List.of() : catalog.texts(r.id());
    List<PageOcr> ocr =
        !texts.isEmpty() || r.pages().stream().noneMatch(p -> p.hasOcr())
            ? List.of()
            : catalog.pageOcrs(r.id());
    if (texts.isEmpty() && ocr.isEmpty()) {
      return List.of();
    }
    Urls urls = pages.urls();
    List<String> plain =
        texts.stream().map(t -> urls.recordText(r.id(), t.kind(), t.language())).toList();
    List<TextSnippet> found =
        query == null ? List.of() : pages.index().inRecord(r.id(), query, MAX_MARKED);
    return TextSections.of(texts, plain, ocr, found);
  }

  /** The search for every document with this value of a facet. */
  private static String filter(Urls urls, Facet facet, String value) {
    return urls.search(List.of(Map.entry(facet.dim(), value)));
  }
}
