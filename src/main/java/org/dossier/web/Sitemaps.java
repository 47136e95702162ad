package org.dossier.web;

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
import org.dossier.search.SearchIndex;
import org.dossier.urls.Urls;

/**
 * {@code /robots.txt} and the sitemaps (sitemaps.org protocol 0.9): the home page, every collection
 * and every live document with its last change. Up to {@code site.sitemap-urls} URLs (at most the
 * protocol's 50,000), {@code /sitemap.xml} is the sitemap itself; above that it is a sitemap index
 * of {@code /sitemap-N.xml} parts, each holding the next slice of that many URLs.
 */
@Path("/")
public final class Sitemaps {
  static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
  private static final String XML = "application/xml;charset=UTF-8";

  private final SitePages pages;
  private final int perFile;

  /**
   * @param perFile the most URLs one sitemap lists ({@code site.sitemap-urls})
   */
  Sitemaps(SitePages pages, int perFile) {
    this.pages = pages;
    this.perFile = perFile;
  }

  @GET
  @Path("robots.txt")
  public Response robots() {
    // Search pages are endless combinations of filters; the sitemap lists every document instead.
    // Under a path (https://example.org/archive) the search is {path}search: a site that copies
    // these lines into its own robots.txt keeps them true.
    String text =
        "User-agent: *\nAllow: /\nDisallow: "
            + pages.urls().rootPath()
            + "search\n\nSitemap: "
            + pages.urls().sitemapIndex()
            + "\n";
    return Response.ok(text, "text/plain;charset=UTF-8").build();
  }

  @GET
  @Path("sitemap.xml")
  public Response sitemap() throws XMLStreamException {
    pages.catchUpIndex();
    SearchIndex index = pages.index();
    Listed listed = new Listed(pages.catalog().collections(), index.size());
    if (listed.total() <= perFile) {
      return xml(urlSet(pages.urls(), listed, index, 0, listed.total()));
    }
    StringWriter out = new StringWriter();
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    x.writeStartDocument("UTF-8", "1.0");
    x.writeStartElement("sitemapindex");
    x.writeDefaultNamespace(NS);
    for (int part = 0; part < parts(listed); part++) {
      x.writeStartElement("sitemap");
      element(x, "loc", pages.urls().sitemapPart(part));
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
    SearchIndex index = pages.index();
    Listed listed = new Listed(pages.catalog().collections(), index.size());
    if (listed.total() <= perFile || part >= parts(listed)) {
      return pages.notFound("There is no such sitemap; see /sitemap.xml.");
    }
    long from = (long) part * perFile;
    return xml(urlSet(pages.urls(), listed, index, from, Math.min(listed.total(), from + perFile)));
  }

  /** What the sitemaps list: the home page, the collections, then the indexed documents. */
  private record Listed(List<ArchiveCollection> collections, int documents) {
    long pages() {
      return 1 + collections.size();
    }

    long total() {
      return pages() + documents;
    }
  }

  private int parts(Listed listed) {
    return (int) ((listed.total() + perFile - 1) / perFile);
  }

  /**
   * The URLs from position {@code from} (inclusive) to {@code to} (exclusive) of the whole list.
   */
  private static String urlSet(Urls urls, Listed listed, SearchIndex index, long from, long to)
      throws XMLStreamException {
    StringWriter out = new StringWriter();
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    x.writeStartDocument("UTF-8", "1.0");
    x.writeStartElement("urlset");
    x.writeDefaultNamespace(NS);
    for (long i = from; i < Math.min(to, listed.pages()); i++) {
      if (i == 0) {
        url(x, urls.home(), null);
      } else {
        ArchiveCollection c = listed.collections().get((int) i - 1);
        url(x, urls.collectionPage(c.id()), c.datestamp());
      }
    }
    long firstDocument = Math.max(from, listed.pages()) - listed.pages();
    long documents = to - Math.max(from, listed.pages());
    XMLStreamException[] failure = {null};
    if (documents > 0) {
      index.forEachRecord(
          (int) firstDocument,
          (int) documents,
          (id, stamp) -> {
            try {
              url(x, urls.recordPage(id), stamp);
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

  private static void url(XMLStreamWriter x, String loc, Instant lastmod)
      throws XMLStreamException {
    x.writeStartElement("url");
    element(x, "loc", loc);
    if (lastmod != null) {
      element(x, "lastmod", lastmod.toString());
    }
    x.writeEndElement();
  }

  private static void element(XMLStreamWriter x, String name, String text)
      throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(text);
    x.writeEndElement();
  }

  private static Response xml(String body) {
    return Response.ok(body, XML).build();
  }
}
