package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.testing.TestServer;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The site's own error pages: 404 for what does not exist, 500 without internals when something
 * breaks.
 */
class ErrorPagesTest {

  @Test
  void anUnknownPathIsTheSite404PageForBrowsersAndPlainTextForOtherClients() throws Exception {
    try (TestServer server = TestServer.start()) {
      Document page = Pages.get(server, "/no/such/page", 404);
      assertEquals("Page not found", page.selectFirst("h1").text());
      assertNotNull(page.selectFirst("main form[role=search]"), "a way on: a search box");
      assertNotNull(page.selectFirst("link[rel=stylesheet]"));
      HttpResponse<String> plain = server.get("/no/such/page");
      assertEquals(404, plain.statusCode());
      assertTrue(plain.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    }
  }

  @Test
  void anInternalFailureIsA500PageWithoutAStackTrace() throws Exception {
    try (TestServer server = TestServer.start()) {
      // Pull the catalog from under the running server: every page that reads it fails.
      server.server().catalog().close();
      for (String path :
          List.of(
              "/",
              "/collections/conversations-with-kim-il-sung",
              "/records/1950-04-conversation-stalin-kim-il-sung",
              "/search?q=stalin")) {
        HttpResponse<String> r = server.get(path, "Accept", Pages.BROWSER_ACCEPT);
        assertEquals(500, r.statusCode(), path);
        assertTrue(
            r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
        Document page = org.jsoup.Jsoup.parse(r.body());
        assertEquals("Something went wrong", page.selectFirst("h1").text(), path);
        for (String leak : List.of("Exception", "at org.", "java.", "SQL", "Hikari")) {
          assertFalse(r.body().contains(leak), path + " shows internals: " + leak);
        }
      }
    }
  }
}
