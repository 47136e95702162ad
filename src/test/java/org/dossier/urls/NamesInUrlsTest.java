package org.dossier.urls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dossier.cli.Main;
import org.dossier.testing.TestServer;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record ids are restricted to letters, digits, '.', '_' and '-', but the names of people, places
 * and subjects are free text: spaces, slashes, '%', '&', '?', '#' and letters of any script. They
 * travel in URLs as the site's search filters and as the linked data's URIs, and must come back
 * from the server as the same name.
 */
class NamesInUrlsTest {
  static final String ID = "names-1";
  static final List<String> PEOPLE =
      List.of("Zhōu Énlái / Chou En-lai", "Kim Il_Sung", "100% sure & why?");
  static final List<String> PLACES = List.of("Pyŏngyang (평양)", "Rio de Janeiro #2");
  static final String TYPE = "report 1/2";
  static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Path file = dir.resolve("names.json");
    Files.writeString(
        file,
        """
        {"id": "%s", "title": "A document naming awkward names", "date": "1951", "type": "%s",
         "people": ["%s", "%s", "%s"], "places": ["%s", "%s"], "languages": ["en"]}
        """
            .formatted(
                ID,
                TYPE,
                PEOPLE.get(0),
                PEOPLE.get(1),
                PEOPLE.get(2),
                PLACES.get(0),
                PLACES.get(1)));
    Path data = dir.resolve("data");
    assertEquals(0, Main.run("import", file.toString(), "--data", data.toString()));
    server = TestServer.start(data, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String path(String url) {
    URI u = URI.create(url);
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  static Document page(String path) throws Exception {
    HttpResponse<String> r = server.get(path, "Accept", BROWSER);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return Jsoup.parse(r.body(), server.baseUrl() + path);
  }

  static Model turtle(String path) throws Exception {
    HttpResponse<String> r = server.get(path, "Accept", "text/turtle");
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return Rio.parse(new StringReader(r.body()), server.baseUrl(), RDFFormat.TURTLE);
  }

  @Test
  void theSiteFiltersByEachNameAsWritten() throws Exception {
    Document record = page("/records/" + ID);
    Element people =
        record.select("dl.details dt").stream()
            .filter(dt -> dt.text().equals("People"))
            .findFirst()
            .orElseThrow()
            .nextElementSibling();
    List<Element> links = people.select("a");
    assertEquals(PEOPLE, links.stream().map(Element::text).toList());
    for (Element link : links) {
      String href = link.attr("href");
      String query = URI.create(href).getRawQuery();
      assertEquals("person=" + Urls.query(link.text()), query, "one form-encoded parameter");
      assertEquals(
          link.text(),
          URLDecoder.decode(query.substring("person=".length()), StandardCharsets.UTF_8));
      Document search = page(path(href));
      assertEquals("Person: " + link.text(), search.selectFirst(".active-filters .chip").ownText());
      assertEquals(
          List.of(server.baseUrl() + "/records/" + ID),
          search.select("ol.documents .document__title a").eachAttr("href"),
          href);
    }
  }

  @Test
  void theLinkedDataNamesEachThingByOneSegmentThatReadsBackToTheName() throws Exception {
    Model record = turtle("/records/" + ID);
    SimpleValueFactory vf = SimpleValueFactory.getInstance();
    for (String name : PEOPLE) {
      IRI person = vf.createIRI(server.baseUrl() + "/id/person/" + Slugs.slug(name));
      assertTrue(record.contains(null, null, person), name + " is named by " + person);
      String key = person.stringValue().substring((server.baseUrl() + "/id/person/").length());
      assertFalse(
          key.contains("/") || key.contains("?") || key.contains("#") || key.contains(" "), key);
      HttpResponse<String> seeOther = server.get(path(person.stringValue()));
      assertEquals(303, seeOther.statusCode(), person.stringValue());
      String description = seeOther.headers().firstValue("Location").orElseThrow();
      assertEquals(server.baseUrl() + "/people/" + key, description);
      Model described = turtle(path(description));
      assertTrue(described.contains(person, SKOS.PREF_LABEL, vf.createLiteral(name)), name);
      assertEquals(name, page(path(description)).selectFirst("h1").text());
    }
    for (String name : PLACES) {
      Model described = turtle("/places/" + Slugs.slug(name) + ".ttl");
      assertTrue(
          described.contains(
              vf.createIRI(server.baseUrl() + "/id/place/" + Slugs.slug(name)),
              SKOS.PREF_LABEL,
              vf.createLiteral(name)),
          name);
    }
    IRI type = vf.createIRI(server.baseUrl() + "/id/type/" + Slugs.slug(TYPE));
    assertTrue(
        record.contains(vf.createIRI(server.baseUrl() + "/id/record/" + ID), DCTERMS.TYPE, type));
    assertTrue(
        turtle(path(type.stringValue().replace("/id/type/", "/types/")))
            .contains(type, SKOS.PREF_LABEL, vf.createLiteral(TYPE)));
  }
}
