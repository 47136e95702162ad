package org.dossier.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.search.SearchIndex;

/**
 * {@code /robots.txt} and the sitemaps (sitemaps.org protocol 0.9): the home page, every collection
 * and every live document with its last change. Up to {@code site.sitemap-urls} URLs (at most the
 * protocol's 50,000), {@code /sitemap.xml} is the sitemap itself; above that it is a sitemap index
 * of {@code /sitemap-N.xml} parts, each holding the next slice of that many URLs.
 */
@Path("/")
@Singleton
public final class Sitemaps {
  static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
  private static final String XML = "application/xml;charset=UTF-8";

  private final Catalog catalog;
  private final SearchIndex searchIndex;
  private final PageResponses pages;
  private final int perFile;

  @Inject
  public Sitemaps(Catalog catalog, SearchIndex searchIndex, Settings settings, org.dossier.urls.Urls urls) {
    this.catalog = catalog;
    this.searchIndex = searchIndex;
    this.pages = new PageResponses(settings, urls);
    this.perFile = settings.get(Settings.SITE_SITEMAP_URLS);
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
    SearchIndex index = searchIndex;
    index.catchUpIfSmall(catalog, SearchPage.SMALL_BACKLOG);
    Urls urls = new Urls(catalog.collections(), index.size());
    Site site = pages.site();
    if (urls.total() <= perFile) {
      return xml(urlSet(site, urls, index, 0, urls.total()));
    }
    StringWriter out = new StringWriter();
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    x.writeStartDocument("UTF-8", "1.0");
    x.writeStartElement("sitemapindex");
    x.writeDefaultNamespace(NS);
    for (int part = 0; part < parts(urls); part++) {
      x.writeStartElement("sitemap");
      element(x, "loc", site.url("/sitemap-" + part + ".xml"));
      x.writeEndElement();
    }
    x.writeEndElement();
    x.writeEndDocument();
    return xml(out.toString());
  }

  /** Part N: the URLs from N times {@code site.sitemap-urls} on, pages first, then documents. */
  @GET
  @Path("sitemap-{part: [0-9]{1,6}}.xml")
  public Response part(@PathParam("part") int part) throws XMLStreamException {
    SearchIndex index = searchIndex;
    Urls urls = new Urls(catalog.collections(), index.size());
    if (urls.total() <= perFile || part >= parts(urls)) {
      return pages.notFound("There is no such sitemap; see /sitemap.xml.");
    }
    long from = (long) part * perFile;
    return xml(urlSet(pages.site(), urls, index, from, Math.min(urls.total(), from + perFile)));
  }

  /** What the sitemaps list: the home page, the collections, then the indexed documents. */
  private record Urls(List<ArchiveCollection> collections, int documents) {
    long pages() {
      return 1 + collections.size();
    }

    long total() {
      return pages() + documents;
    }
  }

  private int parts(Urls urls) {
    return (int) ((urls.total() + perFile - 1) / perFile);
  }

  /** The URLs from position {@code from} (inclusive) to {@code to} (exclusive) of the whole list. */
  private static String urlSet(Site site, Urls urls, SearchIndex index, long from, long to)
      throws XMLStreamException {
    StringWriter out = new StringWriter();
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    x.writeStartDocument("UTF-8", "1.0");
    x.writeStartElement("urlset");
    x.writeDefaultNamespace(NS);
    for (long i = from; i < Math.min(to, urls.pages()); i++) {
      if (i == 0) {
        url(x, site.url("/"), null);
      } else {
        ArchiveCollection c = urls.collections().get((int) i - 1);
        url(x, Links.collection(site, c.id()), c.datestamp());
      }
    }
    long firstDocument = Math.max(from, urls.pages()) - urls.pages();
    long documents = to - Math.max(from, urls.pages());
    XMLStreamException[] failure = {null};
    if (documents > 0) {
      index.forEachRecord((int) firstDocument, (int) documents, (id, stamp) -> {
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
