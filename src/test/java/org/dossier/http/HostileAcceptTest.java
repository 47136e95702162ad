package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Content negotiation headers from broken or hostile clients, on every family of routes of a real
 * server (RFC 9110, section 12.5): an unparsable {@code Accept} is treated as absent, an
 * unsatisfiable one gets the default representation or 406 naming the types served, a thing that
 * does not exist is 404 whatever the client accepts, and nothing is ever a 5xx.
 */
class HostileAcceptTest {
  private static final String RECORD = "1950-04-conversation-stalin-kim-il-sung";
  private static final String COLLECTION = "conversations-with-kim-il-sung";

  /** Header values that break the grammar: each is answered as if the header were absent. */
  private static final List<String> UNPARSABLE =
      List.of(
          "garbage/type;q=x",
          "garbage",
          ";;;",
          "\",",
          "*/*;q=2",
          "text/html;level=",
          "text/html;q=0.5;q",
          "/",
          "text/",
          "\u00e9/\u00e9",
          "text/html;charset=\"unterminated");

  /** Well-formed values that no route serves. */
  private static final List<String> UNSATISFIABLE =
      List.of("application/x-nothing", "image/x-none, audio/x-none;q=0.5", "*/*;q=0");

  /** Route family → a path that exists. */
  private static final Map<String, String> EXISTING = new LinkedHashMap<>();

  /** Route family → a path that does not exist. */
  private static final Map<String, String> MISSING = new LinkedHashMap<>();

  static {
    EXISTING.put("home", "/");
    EXISTING.put("search", "/search?q=kim");
    EXISTING.put("collection", "/collections/" + COLLECTION);
    EXISTING.put("record", "/records/" + RECORD);
    EXISTING.put("record rdf", "/records/" + RECORD + ".ttl");
    EXISTING.put("person", "/people/Stalin");
    EXISTING.put("id", "/id/record/" + RECORD);
    EXISTING.put("oai", "/oai?verb=Identify");
    EXISTING.put("iiif top", "/iiif/3/collection/top");
    EXISTING.put("iiif manifest", "/iiif/3/" + RECORD + "/manifest");
    EXISTING.put("iiif 2 manifest", "/iiif/2/" + RECORD + "/manifest");
    EXISTING.put("content search", "/iiif/search/2/" + RECORD + "?q=kim");
    EXISTING.put("discovery", "/iiif/discovery/activity/all-changes");
    EXISTING.put("sparql", "/sparql?query=ASK%7B%7D");
    EXISTING.put("void", "/.well-known/void");
    EXISTING.put("dumps", "/dumps/");
    EXISTING.put("health", "/health");
    EXISTING.put("static", "/static/site.css");
    EXISTING.put("robots", "/robots.txt");
    EXISTING.put("sitemap", "/sitemap.xml");
    MISSING.put("nothing", "/no/such/path");
    MISSING.put("collection", "/collections/no-such-collection");
    MISSING.put("record", "/records/no-such-record");
    MISSING.put("record rdf", "/records/no-such-record.ttl");
    MISSING.put("person", "/people/Nobody_At_All");
    MISSING.put("id", "/id/record/no-such-record");
    MISSING.put("iiif manifest", "/iiif/3/no-such-record/manifest");
    MISSING.put("iiif collection", "/iiif/3/collection/no-such-collection");
    MISSING.put("image", "/iiif/image/3/no-such-image/info.json");
    MISSING.put("static", "/static/no-such-file.css");
  }

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void unparsableAcceptIsAnsweredAsIfItWereAbsent() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> route : EXISTING.entrySet()) {
      HttpResponse<String> plain = server.get(route.getValue());
      for (String accept : UNPARSABLE) {
        HttpResponse<String> hostile = server.get(route.getValue(), "Accept", accept);
        if (hostile.statusCode() != plain.statusCode()
            || !hostile
                .headers()
                .firstValue("Content-Type")
                .equals(plain.headers().firstValue("Content-Type"))) {
          wrong.add(
              describe(route.getKey(), route.getValue(), accept, hostile)
                  + " (without: "
                  + plain.statusCode()
                  + ")");
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void unsatisfiableAcceptIsTheDefaultOr406NamingTheTypesServed() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> route : EXISTING.entrySet()) {
      for (String accept : UNSATISFIABLE) {
        HttpResponse<String> r = server.get(route.getValue(), "Accept", accept);
        boolean served = r.statusCode() == 200 || r.statusCode() == 303;
        boolean refused = r.statusCode() == 406 && r.body().matches("(?s).*[a-z]+/[a-z+-]+.*");
        if (!served && !refused) {
          wrong.add(describe(route.getKey(), route.getValue(), accept, r));
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void aPathThatDoesNotExistIs404WhateverTheAccept() throws Exception {
    List<String> accepts = new ArrayList<>(UNPARSABLE);
    accepts.addAll(UNSATISFIABLE);
    accepts.add("text/html");
    accepts.add("text/turtle");
    accepts.add("application/ld+json");
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> route : MISSING.entrySet()) {
      for (String accept : accepts) {
        HttpResponse<String> r = server.get(route.getValue(), "Accept", accept);
        if (r.statusCode() != 404) {
          wrong.add(describe(route.getKey(), route.getValue(), accept, r));
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void brokenLanguageCharsetAndEncodingPreferencesAreIgnored() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (String header : List.of("Accept-Language", "Accept-Charset", "Accept-Encoding")) {
      for (Map.Entry<String, String> route : EXISTING.entrySet()) {
        for (String value : List.of(";;;q=x", "en;q=7", "\"", ",,,")) {
          HttpResponse<String> r = server.get(route.getValue(), header, value);
          if (r.statusCode() >= 500 || r.statusCode() == 400) {
            wrong.add(header + ": " + describe(route.getKey(), route.getValue(), value, r));
          }
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void aWellFormedPreferenceStillChoosesTheRepresentation() throws Exception {
    HttpResponse<String> turtle =
        server.get("/records/" + RECORD, "Accept", "garbage/type;q=x, text/turtle");
    assertEquals(200, turtle.statusCode());
    assertTrue(turtle.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
    HttpResponse<String> refused = server.get("/records/" + RECORD, "Accept", "image/png");
    assertEquals(406, refused.statusCode());
    assertTrue(
        refused.body().contains("text/html") && refused.body().contains("text/turtle"),
        refused.body());
  }

  private static String describe(
      String family, String path, String accept, HttpResponse<String> r) {
    return family
        + " "
        + path
        + " ["
        + accept
        + "] -> "
        + r.statusCode()
        + " "
        + r.body().lines().findFirst().orElse("");
  }
}
