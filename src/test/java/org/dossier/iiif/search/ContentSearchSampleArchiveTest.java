package org.dossier.iiif.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dossier.catalog.RecordJson;
import org.dossier.iiif.presentation.SearchServices;
import org.dossier.testing.TestServer;
import org.dossier.urls.Urls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Content Search on the sample archive through the real server: every word box a search returns is
 * checked against the ALTO file the sample renderer wrote for the page (read here with a plain XML
 * parser, not through the catalog), so nothing is hard-coded. Needs the fulltext branch (the sample
 * pages' ALTO and its import) and the wiring of {@link ContentSearchFeature} and of the manifests'
 * service entries into the server.
 */
class ContentSearchSampleArchiveTest {
  private static final Pattern ALTO_FILE =
      Pattern.compile(".*/ocr/sample/(.+)/page-(\\d+)\\.alto\\.xml");
  private static TestServer server;

  /** The sample records' words as the ALTO files give them: record id → page → lines → words. */
  private static Map<String, TreeMap<Integer, List<List<AltoWord>>>> alto;

  record AltoWord(String text, int x, int y, int w, int h) {
    String key() {
      return Folding.key(text);
    }
  }

  /** A hit's place as a search answer gives it: the page and the box of {@code canvas#xywh=}. */
  record Place(int page, int x, int y, int w, int h) {}

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    alto = readAlto(server.dataDir().resolve("ocr"));
    assertFalse(alto.isEmpty(), "the sample archive's pages have ALTO files under ocr/sample/");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Map<String, TreeMap<Integer, List<List<AltoWord>>>> readAlto(Path root)
      throws IOException, XMLStreamException {
    Map<String, TreeMap<Integer, List<List<AltoWord>>>> records = new HashMap<>();
    if (!Files.isDirectory(root)) {
      return records;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(p -> ALTO_FILE.matcher(p.toString().replace('\\', '/')).matches())
              .sorted()
              .toList();
    }
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    for (Path file : files) {
      Matcher m = ALTO_FILE.matcher(file.toString().replace('\\', '/'));
      assertTrue(m.matches());
      List<List<AltoWord>> lines = new ArrayList<>();
      try (InputStream in = Files.newInputStream(file)) {
        XMLStreamReader x = factory.createXMLStreamReader(in);
        while (x.hasNext()) {
          if (x.next() != XMLStreamConstants.START_ELEMENT) {
            continue;
          }
          switch (x.getLocalName()) {
            case "MeasurementUnit" ->
                assertEquals("pixel", x.getElementText(), file + ": boxes in pixels");
            case "TextLine" -> lines.add(new ArrayList<>());
            case "String" ->
                lines
                    .get(lines.size() - 1)
                    .add(
                        new AltoWord(
                            x.getAttributeValue(null, "CONTENT"),
                            integer(x, "HPOS"),
                            integer(x, "VPOS"),
                            integer(x, "WIDTH"),
                            integer(x, "HEIGHT")));
            default -> {}
          }
        }
      }
      records
          .computeIfAbsent(m.group(1), k -> new TreeMap<>())
          .put(Integer.parseInt(m.group(2)), lines);
    }
    return records;
  }

  private static int integer(XMLStreamReader x, String attribute) {
    return (int) Math.round(Double.parseDouble(x.getAttributeValue(null, attribute)));
  }

  /** Where the renderer drew the words of {@code record} whose key is {@code key}. */
  private static List<Place> drawn(String record, String key) {
    List<Place> places = new ArrayList<>();
    alto.get(record)
        .forEach(
            (page, lines) ->
                lines.forEach(
                    line ->
                        line.forEach(
                            w -> {
                              if (w.key().equals(key)) {
                                places.add(new Place(page, w.x(), w.y(), w.w(), w.h()));
                              }
                            })));
    return places;
  }

  /** The record with the most pages, and in it the longest word that is printed at least twice. */
  private static String[] recordAndRepeatedWord() {
    return recordAndRepeatedWord(alto);
  }

  static String[] recordAndRepeatedWord(Map<String, TreeMap<Integer, List<List<AltoWord>>>> alto) {
    String record =
        alto.entrySet().stream()
            .max(
                Comparator.<Map.Entry<String, TreeMap<Integer, List<List<AltoWord>>>>>comparingInt(
                        e -> e.getValue().size())
                    .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .orElseThrow()
            .getKey();
    Map<String, Integer> counts = new HashMap<>();
    alto.get(record)
        .values()
        .forEach(
            lines ->
                lines.forEach(line -> line.forEach(w -> counts.merge(w.key(), 1, Integer::sum))));
    String word =
        counts.entrySet().stream()
            .filter(e -> e.getValue() >= 2 && e.getKey().chars().allMatch(Character::isLetter))
            .max(
                Comparator.<Map.Entry<String, Integer>>comparingInt(e -> e.getKey().length())
                    .thenComparing(Map.Entry::getKey))
            .orElseThrow(() -> new AssertionError(record + " has no word printed twice"))
            .getKey();
    return new String[] {record, word};
  }

  private static final Pattern TARGET =
      Pattern.compile(".*/iiif/(\\d)/(.+)/canvas/p(\\d+)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)");

  private static Place place(String target, int presentationVersion, String record) {
    Matcher m = TARGET.matcher(target);
    assertTrue(m.matches(), target);
    assertEquals(Integer.toString(presentationVersion), m.group(1), target);
    assertEquals(Urls.segment(record), m.group(2), target);
    return new Place(
        Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(4)),
        Integer.parseInt(m.group(5)),
        Integer.parseInt(m.group(6)),
        Integer.parseInt(m.group(7)));
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> response = server.get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    assertEquals(List.of("*"), response.headers().allValues("Access-Control-Allow-Origin"), path);
    return RecordJson.read(response.body());
  }

  /** Every annotation of every page of a Search 2.0 answer, following {@code next}. */
  private static List<JsonNode> allItems(String path) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    String next = path;
    while (next != null) {
      JsonNode page = json(next);
      SearchJson.assertSearch2(page);
      page.path("items").forEach(items::add);
      String id = page.path("next").path("id").asString(null);
      next = id == null ? null : id.substring(server.baseUrl().length());
    }
    return items;
  }

  private static List<Place> sorted(List<Place> places) {
    return places.stream()
        .sorted(
            Comparator.comparingInt(Place::page)
                .thenComparingInt(Place::y)
                .thenComparingInt(Place::x))
        .toList();
  }

  @Test
  void aWordIsFoundOnEveryPageAndBoxWhereTheRendererDrewIt() throws Exception {
    String[] rw = recordAndRepeatedWord();
    String record = rw[0];
    String word = rw[1];
    List<Place> expected = drawn(record, word);
    List<Place> found = new ArrayList<>();
    for (JsonNode item :
        allItems(
            "/iiif/search/2/" + Urls.segment(record) + "?q=" + Urls.query(word.toUpperCase()))) {
      found.add(place(item.path("target").asString(), 3, record));
    }
    assertEquals(sorted(expected), sorted(found), record + " / " + word);

    JsonNode list = json("/iiif/search/1/" + Urls.segment(record) + "?q=" + Urls.query(word));
    SearchJson.assertSearch1(list);
    assertEquals(expected.size(), list.path("within").path("total").asInt());
    JsonNode p2 =
        json("/iiif/search/1/" + Urls.segment(record) + "/presentation2?q=" + Urls.query(word));
    place(p2.path("resources").path(0).path("on").asString(), 2, record);
  }

  @Test
  void aPhraseAcrossALineBreakHasTheBoxesOfBothLines() throws Exception {
    String record = null;
    AltoWord end = null;
    AltoWord start = null;
    int page = 0;
    search:
    for (Map.Entry<String, TreeMap<Integer, List<List<AltoWord>>>> r :
        new TreeMap<>(alto).entrySet()) {
      for (Map.Entry<Integer, List<List<AltoWord>>> p : r.getValue().entrySet()) {
        List<List<AltoWord>> lines = p.getValue();
        for (int l = 0; l + 1 < lines.size(); l++) {
          if (lines.get(l).isEmpty() || lines.get(l + 1).isEmpty()) {
            continue;
          }
          AltoWord a = lines.get(l).get(lines.get(l).size() - 1);
          AltoWord b = lines.get(l + 1).get(0);
          if (a.key().chars().allMatch(Character::isLetter)
              && b.key().chars().allMatch(Character::isLetter)
              && !a.key().isEmpty()
              && !b.key().isEmpty()) {
            record = r.getKey();
            end = a;
            start = b;
            page = p.getKey();
            break search;
          }
        }
      }
    }
    assertNotNull(record, "some sample page has a line ending and the next starting with a word");
    JsonNode answer =
        json(
            "/iiif/search/2/"
                + Urls.segment(record)
                + "?q="
                + Urls.query(end.text() + " " + start.text()));
    SearchJson.assertSearch2(answer);
    Place first = new Place(page, end.x(), end.y(), end.w(), end.h());
    Place second = new Place(page, start.x(), start.y(), start.w(), start.h());
    boolean seen = false;
    Map<String, Place> places = new HashMap<>();
    for (JsonNode item : answer.path("items")) {
      places.put(item.path("id").asString(), place(item.path("target").asString(), 3, record));
    }
    for (JsonNode context : answer.path("annotations").path(0).path("items")) {
      JsonNode targets = context.path("target");
      if (targets.isArray() && targets.size() == 2) {
        Place a = places.get(targets.path(0).path("source").asString());
        Place b = places.get(targets.path(1).path("source").asString());
        seen |= first.equals(a) && second.equals(b);
      }
    }
    assertTrue(seen, "a hit on " + first + " and " + second + " in " + answer);
  }

  @Test
  void autocompleteCountsTheWordAsOftenAsItIsPrinted() throws Exception {
    String[] rw = recordAndRepeatedWord();
    String record = rw[0];
    String word = rw[1];
    JsonNode terms =
        json(
            "/iiif/search/2/"
                + Urls.segment(record)
                + "/autocomplete?q="
                + Urls.query(word.substring(0, 3)));
    SearchJson.assertTermPage(terms);
    boolean found = false;
    for (JsonNode term : terms.path("items")) {
      if (Folding.key(term.path("value").asString()).equals(word)) {
        assertEquals(drawn(record, word).size(), term.path("total").asInt());
        found = true;
      }
    }
    assertTrue(found, word + " in " + terms);
    JsonNode list =
        json(
            "/iiif/search/1/"
                + Urls.segment(record)
                + "/autocomplete?q="
                + Urls.query(word.substring(0, 3)));
    SearchJson.assertTermList(list);
  }

  @Test
  void errorsCarryCorsToo() throws Exception {
    HttpResponse<String> missing = server.get("/iiif/search/2/no-such-record?q=a");
    assertEquals(404, missing.statusCode());
    assertEquals(List.of("*"), missing.headers().allValues("Access-Control-Allow-Origin"));
    HttpResponse<String> bad =
        server.get(
            "/iiif/search/2/" + Urls.segment(alto.keySet().iterator().next()) + "/autocomplete");
    assertEquals(400, bad.statusCode());
    assertEquals(List.of("*"), bad.headers().allValues("Access-Control-Allow-Origin"));
  }

  @Test
  void manifestsAdvertiseTheServicesTheyAreSearchedWith() throws Exception {
    String record = recordAndRepeatedWord()[0];
    JsonNode manifest = json("/iiif/3/" + Urls.segment(record) + "/manifest");
    JsonNode expected = SearchServices.presentation3(new Urls(server.baseUrl()), record);
    List<JsonNode> services = new ArrayList<>();
    manifest.path("service").forEach(services::add);
    expected.forEach(
        service ->
            assertTrue(services.contains(service), service + " in " + manifest.path("service")));
    JsonNode v2 = json("/iiif/2/" + Urls.segment(record) + "/manifest");
    JsonNode service = SearchServices.presentation2(new Urls(server.baseUrl()), record);
    JsonNode advertised = v2.path("service");
    assertTrue(
        advertised.equals(service) || advertised.valueStream().anyMatch(service::equals),
        advertised.toString());
    // The advertised services answer.
    SearchJson.assertSearch2(
        json(expected.path(0).path("id").asString().substring(server.baseUrl().length()) + "?q=a"));
    SearchJson.assertSearch1(
        json(service.path("@id").asString().substring(server.baseUrl().length()) + "?q=a"));
  }
}
