package org.dossier.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogUnavailableException;
import org.dossier.catalog.RecordJson;
import org.dossier.search.SearchIndex;
import org.dossier.urls.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every page resource is made with, built once by {@link SiteFeature}: the site, the catalog
 * and the search index. Turns views into HTML responses, and failures into the site's error pages:
 * 404 and 410 for ids that are unknown or withdrawn, 400 for a malformed parameter, 503 while the
 * catalog cannot be reached, and 500 (logged, no internals shown) for anything unexpected.
 */
final class SitePages {
  private static final Logger LOG = LoggerFactory.getLogger(SitePages.class);
  static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

  /**
   * Up to this many pending catalog changes are indexed before answering; more are left to the
   * follower.
   */
  static final long SMALL_BACKLOG = 500;

  private final Site site;
  private final Catalog catalog;
  private final Supplier<SearchIndex> index;

  SitePages(Site site, Catalog catalog, Supplier<SearchIndex> index) {
    this.site = site;
    this.catalog = catalog;
    this.index = index;
  }

  Site site() {
    return site;
  }

  Urls urls() {
    return site.urls();
  }

  Catalog catalog() {
    return catalog;
  }

  /** The search index, which the pages read for lists and counts. */
  SearchIndex index() {
    return index.get();
  }

  /**
   * Indexes the pending catalog changes first when they are few, so that a page shows what was just
   * imported.
   *
   * @return false when the index is still behind the catalog (the page may say so)
   */
  boolean catchUpIndex() {
    return index().catchUpIfSmall(catalog, SMALL_BACKLOG);
  }

  /**
   * The frame of a page at an absolute URL of this site; the title gets the archive's name
   * appended.
   */
  Page page(String title, String canonical, String description, ObjectNode jsonLd) {
    String fullTitle = title == null ? site.archiveName() : title + " – " + site.archiveName();
    return new Page(site, fullTitle, canonical, description, JsonLd.toScript(jsonLd), "");
  }

  Response ok(String template, Object view) {
    return html(200, template, view);
  }

  Response html(int status, String template, Object view) {
    return Response.status(status)
        .type(HTML)
        .header("Content-Language", "en")
        .header("X-Content-Type-Options", "nosniff")
        .entity(Templates.render(template, view))
        .build();
  }

  Response error(int status, String heading, String message) {
    ObjectNode jsonLd =
        RecordJson.MAPPER
            .createObjectNode()
            .put("@context", "https://schema.org")
            .put("@type", "WebPage")
            .put("name", heading);
    Page page = page(heading, urls().home(), null, jsonLd);
    return html(status, "error.jte", new ErrorView(page, status, heading, message));
  }

  Response notFound(String message) {
    return error(404, "Page not found", message);
  }

  /**
   * Runs a page's work; a catalog that cannot be reached just now is answered with the 503 page
   * (and Retry-After), an unexpected failure is logged and answered with the 500 page.
   */
  Response respond(Supplier<Response> work) {
    try {
      return work.get();
    } catch (CatalogUnavailableException e) {
      LOG.warn("page not shown: {}", e.getMessage());
      int retry = e.retryAfterSeconds();
      try {
        return Response.fromResponse(
                error(
                    503,
                    "Temporarily unavailable",
                    "The archive cannot show this page just now. Please try again in a moment."))
            .header("Retry-After", retry)
            .header("Cache-Control", "no-store")
            .build();
      } catch (RuntimeException again) {
        return Response.status(503)
            .header("Retry-After", retry)
            .type(MediaType.TEXT_PLAIN_TYPE)
            .entity("503 Service Unavailable\n")
            .build();
      }
    } catch (RuntimeException e) {
      LOG.error("page failed", e);
      try {
        return error(
            500,
            "Something went wrong",
            "The archive could not show this page because of an internal error. It has been logged; please try again later.");
      } catch (RuntimeException again) {
        return Response.serverError()
            .type(MediaType.TEXT_PLAIN_TYPE)
            .entity("500 Internal Server Error\n")
            .build();
      }
    }
  }
}
