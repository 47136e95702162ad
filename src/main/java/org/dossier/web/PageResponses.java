package org.dossier.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns views into HTML responses, and failures into the site's error pages: 404 and 410 for ids
 * that are unknown or withdrawn, 400 for a malformed parameter, and 500 (logged, no internals
 * shown) for anything unexpected.
 */
final class PageResponses {
  private static final Logger LOG = LoggerFactory.getLogger(PageResponses.class);
  static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

  private final Settings settings;
  private final Urls urls;

  PageResponses(Settings settings, Urls urls) {
    this.settings = settings;
    this.urls = urls;
  }

  Site site() {
    return new Site(settings.get(Settings.ARCHIVE_NAME), urls.base(), settings.get(Settings.OAI_REPOSITORY_IDENTIFIER));
  }

  /** The frame of a page at a path of this site; the title gets the archive's name appended. */
  Page page(String title, String path, String description, ObjectNode jsonLd) {
    Site site = site();
    String fullTitle = title == null ? site.archiveName() : title + " – " + site.archiveName();
    return new Page(site, fullTitle, site.url(path), description, JsonLd.toScript(jsonLd), "");
  }

  Response ok(String template, Object view) {
    return html(200, template, view);
  }

  Response html(int status, String template, Object view) {
    return Response.status(status).type(HTML).header("Content-Language", "en")
        .header("X-Content-Type-Options", "nosniff").entity(Templates.render(template, view)).build();
  }

  Response error(int status, String heading, String message) {
    ObjectNode jsonLd = org.dossier.catalog.RecordJson.MAPPER.createObjectNode()
        .put("@context", "https://schema.org").put("@type", "WebPage").put("name", heading);
    Page page = page(heading, "/", null, jsonLd);
    return html(status, "error.jte", new ErrorView(page, status, heading, message));
  }

  Response notFound(String message) {
    return error(404, "Page not found", message);
  }

  /** Runs a page's work; an unexpected failure is logged and answered with the 500 page. */
  Response respond(Supplier<Response> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      LOG.error("page failed", e);
      try {
        return error(500, "Something went wrong",
            "The archive could not show this page because of an internal error. It has been logged; please try again later.");
      } catch (RuntimeException again) {
        return Response.serverError().type(MediaType.TEXT_PLAIN_TYPE).entity("500 Internal Server Error\n").build();
      }
    }
  }
}
