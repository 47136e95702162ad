package org.dossier.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.time.Instant;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.http.ServerContext;
import org.dossier.search.SearchIndex;

/**
 * {@code /robots.txt} and the sitemaps (sitemaps.org protocol 0.9): the home page, every collection
 * and every live document with its last change. Up to {@value #MAX_URLS} URLs, {@code /sitemap.xml}
 * is the sitemap itself; above that it is a sitemap index of {@code /sitemap-N.xml} files, each
 * within the protocol's limit of 50,000 URLs.
 */
@Path("/")
@Singleton
public final class Sitemaps {
  static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
  static final int MAX_URLS = 50_000;
  private static final String XML = "application/xml;charset=UTF-8";

  private final ServerContext context;
  private final PageResponses pages;

  @Inject
  public Sitemaps(ServerContext context) {
    this.context = context;
    this.pages = new PageResponses(context);
  }

  @GET
  @Path("robots.txt")
  public Response robots() {
    Site site = pages.site();
    // Search pages are endless combinations of filters; the sitemap lists every document instead.
    String text = "User-agent: *\nAllow: /\nDisallow: /search\n\nSitemap: " + site.url("/sitemap.xml") + "\n";
    return Response.ok(text, "text/plain;charset=UTF-8").build();
  }

  @GET
  @Path("sitemap.xml")
  public Response sitemap() throws XMLStreamException {
    Catalog catalog = context.catalog();
    SearchIndex index = context.searchIndex();
    index.catchUpIfSmall(catalog, SearchPage.SMALL_BACKLOG);
    Site site = pages.site();
    int records = index.size();
    if (records + catalog.collections().size() + 1 <= MAX_URLS) {
      return xml(urlSet(site, catalog, index, 0, records, true));
    }
    StringWriter out = new StringWriter();
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    x.writeStartDocument("UTF-8", "1.0");
    x.writeStartElement("sitemapindex");
    x.writeDefaultNamespace(NS);
    int parts = (records + MAX_URLS - 1) / MAX_URLS;
    for (int part = 0; part <= parts; part++) {
      x.writeStartElement("sitemap");
      element(x, "loc", site.url("/sitemap-" + part + ".xml"));
      x.writeEndElement();
    }
    x.writeEndElement();
    x.writeEndDocument();
    return xml(out.toString());
  }

  /** Part 0 holds the home page and the collections; part N the N-th slice of documents. */
  @GET
  @Path("sitemap-{part: [0-9]{1,6}}.xml")
  public Response part(@PathParam("part") int part) throws XMLStreamException {
    Catalog catalog = context.catalog();
    SearchIndex index = context.searchIndex();
    int records = index.size();
    if (records + catalog.collections().size() + 1 <= MAX_URLS || part > (records + MAX_URLS - 1) / MAX_URLS) {
      return pages.notFound("There is no such sitemap; see /sitemap.xml.");
    }
    Site site = pages.site();
    return xml(part == 0 ? urlSet(site, catalog, index, 0, 0, true)
        : urlSet(site, catalog, index, (part - 1) * MAX_URLS, MAX_URLS, false));
  }

  private static String urlSet(Site site, Catalog catalog, SearchIndex index, int offset, int limit, boolean withPages)
      throws XMLStreamException {
    StringWriter out = new StringWriter();
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    x.writeStartDocument("UTF-8", "1.0");
    x.writeStartElement("urlset");
    x.writeDefaultNamespace(NS);
    if (withPages) {
      url(x, site.url("/"), null);
      for (ArchiveCollection c : catalog.collections()) {
        url(x, Links.collection(site, c.id()), c.datestamp());
      }
    }
    XMLStreamException[] failure = {null};
    if (limit > 0) {
      index.forEachRecord(offset, limit, (id, stamp) -> {
        try {
          url(x, Links.record(site, id), stamp);
        } catch (XMLStreamException e) {
          failure[0] = e;
        }
      });
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    x.writeEndElement();
    x.writeEndDocument();
    return out.toString();
  }

  private static void url(XMLStreamWriter x, String loc, Instant lastmod) throws XMLStreamException {
    x.writeStartElement("url");
    element(x, "loc", loc);
    if (lastmod != null) {
      element(x, "lastmod", lastmod.toString());
    }
    x.writeEndElement();
  }

  private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(text);
    x.writeEndElement();
  }

  private static Response xml(String body) {
    return Response.ok(body, XML).build();
  }
}
