package org.dossier.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.container.ResourceContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import org.dossier.config.Settings;
import org.dossier.rdf.web.DescriptionResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Record;
import org.dossier.search.Facet;
import org.dossier.search.SearchIndex;
import org.dossier.urls.Urls;

/**
 * {@code GET /records/{id}} for browsers: the document's title, date, summary and details, its
 * collections, links to its IIIF manifest, OAI-PMH record and RDF, and its scans in Mirador
 * (served from {@code /static/mirador/}). A deleted record answers 410 Gone: it existed and was
 * withdrawn, and harvesters keep its tombstone.
 */
// The ".ttl", ".jsonld", ".rdf" and ".nt" documents are the linked-data resource's (org.dossier.rdf.web).
@Path("/records/{id: (?![^/]*\\.(?:ttl|jsonld|rdf|nt)$)[^/]+}")
@Singleton
public final class RecordPage {
  private final Catalog catalog;
  private final SearchIndex searchIndex;
  private final PageResponses pages;

  @Inject
  public RecordPage(Catalog catalog, SearchIndex searchIndex, Settings settings, Urls urls) {
    this.catalog = catalog;
    this.searchIndex = searchIndex;
    this.pages = new PageResponses(settings, urls);
  }

  /**
   * The same URL for linked-data clients: an RDF serialization chosen by {@code Accept}. HTML
   * stays the default ({@code qs} below 1), so browsers and {@code *}/{@code *} get the page.
   */
  @GET
  @Produces({"text/turtle;qs=0.9", "application/ld+json;qs=0.9", "application/rdf+xml;qs=0.9", "application/n-triples;qs=0.9"})
  public Response rdf(@PathParam("id") String id, @Context Request request, @Context ResourceContext resources) {
    return resources.getResource(DescriptionResource.class).negotiated("records", id, request);
  }

  @GET
  @Produces("text/html")
  public Response record(@PathParam("id") String id) {
    return pages.respond(() -> {
      Catalog catalog = this.catalog;
      Optional<Record> found = catalog.record(id);
      if (found.isEmpty()) {
        return pages.notFound("There is no document with the id “" + id + "”.");
      }
      Record r = found.get();
      if (r.deleted()) {
        return pages.error(410, "Document withdrawn", "The document “" + id + "” was withdrawn from the archive.");
      }
      Site site = pages.site();
      List<ArchiveCollection> collections = new ArrayList<>();
      for (String c : r.collections()) {
        catalog.collection(c).ifPresent(collections::add);
      }
      Views.Link type = r.type() == null ? null : new Views.Link(r.type(), filter(site, Facet.TYPE, r.type()));
      Views.Link rights = r.rights() == null ? null : new Views.Link(Rights.label(r.rights()), r.rights());
      Page page = pages.page(r.title(), "/records/" + Links.segment(r.id()), r.summary(),
          JsonLd.record(site, r, collections));
      RecordView view = new RecordView(page, r.title(), DisplayDate.padded(r.date()), r.summary(), type,
          r.people().stream().map(p -> new Views.Link(p, filter(site, Facet.PERSON, p))).toList(),
          r.places().stream().map(p -> new Views.Link(p, filter(site, Facet.PLACE, p))).toList(),
          r.subjects(), r.languages(), r.source(), r.archive(), rights,
          collections.stream().map(c -> new Views.Link(c.title(), Links.collection(site, c.id()))).toList(),
          r.pages().size(), Links.manifest(site, r.id()), Links.manifestDragAndDrop(site, r.id()),
          Links.oaiRecord(site, r.id()), Links.turtle(site, r.id()), site.url("/static/viewer.js"),
          site.url("/static/mirador/mirador.min.js"), site.url("/static/iiif-logo.svg"));
      return Response.fromResponse(pages.ok("record.jte", view)).header("Vary", "Accept").build();
    });
  }

  private static String filter(Site site, Facet facet, String value) {
    return site.url("/search?" + facet.dim() + "=" + Links.query(value));
  }
}
