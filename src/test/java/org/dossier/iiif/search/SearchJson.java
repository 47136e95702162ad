package org.dossier.iiif.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The properties the Content Search specifications require of an answer, checked on its JSON tree:
 * 2.0 §4.2–§4.3 and §5.2, 1.0 §3.3–§3.4 and §4.3. Each check also says that every hit refers to
 * annotations of the same answer.
 */
final class SearchJson {
  private SearchJson() {}

  static void assertString(JsonNode node, String property) {
    assertTrue(
        node.path(property).isString() && !node.path(property).asString().isEmpty(),
        "'" + property + "' must be a non-empty string in " + node);
  }

  /**
   * A Search 2.0 answer: an AnnotationPage of annotations, with their context in {@code
   * annotations}.
   */
  static void assertSearch2(JsonNode page) {
    assertEquals("http://iiif.io/api/search/2/context.json", page.path("@context").asString());
    assertString(page, "id");
    assertEquals("AnnotationPage", page.path("type").asString());
    assertTrue(page.path("items").isArray(), "items");
    Set<String> ids = new HashSet<>();
    for (JsonNode annotation : page.path("items")) {
      assertString(annotation, "id");
      assertTrue(ids.add(annotation.path("id").asString()), "annotation ids are unique");
      assertEquals("Annotation", annotation.path("type").asString());
      assertString(annotation, "motivation");
      assertEquals("TextualBody", annotation.path("body").path("type").asString());
      assertString(annotation.path("body"), "value");
      assertEquals("text/plain", annotation.path("body").path("format").asString());
      JsonNode target = annotation.path("target");
      assertTrue(target.isString() || target.path("id").isString(), "target of " + annotation);
    }
    if (page.has("partOf")) {
      JsonNode collection = page.path("partOf");
      assertString(collection, "id");
      assertEquals("AnnotationCollection", collection.path("type").asString());
      assertEquals("AnnotationPage", collection.path("first").path("type").asString());
      assertString(collection.path("first"), "id");
      boolean last =
          collection.path("last").path("id").asString().equals(page.path("id").asString());
      assertEquals(!last, page.has("next"), "next on every page but the last");
      if (page.has("next")) {
        assertEquals("AnnotationPage", page.path("next").path("type").asString());
      }
    } else {
      assertFalse(page.has("next"), "next only within a collection");
    }
    if (page.has("ignored")) {
      page.path("ignored").forEach(p -> assertTrue(p.isString()));
    }
    for (JsonNode context : page.path("annotations")) {
      assertEquals("AnnotationPage", context.path("type").asString());
      for (JsonNode annotation : context.path("items")) {
        assertString(annotation, "id");
        assertEquals("Annotation", annotation.path("type").asString());
        assertEquals("contextualizing", annotation.path("motivation").asString());
        JsonNode targets = annotation.path("target");
        Iterable<JsonNode> all = targets.isArray() ? targets : java.util.List.of(targets);
        for (JsonNode target : all) {
          assertEquals("SpecificResource", target.path("type").asString());
          assertTrue(
              ids.contains(target.path("source").asString()),
              "the source is an annotation of items: " + target);
          JsonNode selector = target.path("selector").path(0);
          assertEquals("TextQuoteSelector", selector.path("type").asString());
          assertString(selector, "exact");
        }
      }
    }
  }

  /** A Search 1.0 answer: an sc:AnnotationList of resources and hits, within a Layer. */
  static void assertSearch1(JsonNode list) {
    assertEquals(
        "http://iiif.io/api/presentation/2/context.json", list.path("@context").path(0).asString());
    assertEquals(
        "http://iiif.io/api/search/1/context.json", list.path("@context").path(1).asString());
    assertString(list, "@id");
    assertEquals("sc:AnnotationList", list.path("@type").asString());
    Set<String> ids = new HashSet<>();
    for (JsonNode annotation : list.path("resources")) {
      assertString(annotation, "@id");
      assertTrue(ids.add(annotation.path("@id").asString()), "annotation ids are unique");
      assertEquals("oa:Annotation", annotation.path("@type").asString());
      assertString(annotation, "motivation");
      assertEquals("cnt:ContentAsText", annotation.path("resource").path("@type").asString());
      assertString(annotation.path("resource"), "chars");
      assertString(annotation, "on");
    }
    for (JsonNode hit : list.path("hits")) {
      assertEquals("search:Hit", hit.path("@type").asString());
      assertFalse(hit.path("annotations").isEmpty(), "a hit names its annotations");
      hit.path("annotations")
          .forEach(
              a -> assertTrue(ids.contains(a.asString()), "hit annotation " + a + " is listed"));
    }
    JsonNode layer = list.path("within");
    assertEquals("sc:Layer", layer.path("@type").asString());
    assertTrue(layer.path("total").isInt());
    boolean last = layer.path("last").asString().equals(list.path("@id").asString());
    assertEquals(!last, list.has("next"), "next on every list but the last");
    assertTrue(list.path("startIndex").isInt());
  }

  static void assertTermPage(JsonNode page) {
    assertEquals("http://iiif.io/api/search/2/context.json", page.path("@context").asString());
    assertString(page, "id");
    assertEquals("TermPage", page.path("type").asString());
    assertTrue(page.path("items").isArray());
    page.path("items").forEach(term -> assertString(term, "value"));
  }

  static void assertTermList(JsonNode list) {
    assertEquals("http://iiif.io/api/search/1/context.json", list.path("@context").asString());
    assertString(list, "@id");
    assertEquals("search:TermList", list.path("@type").asString());
    assertTrue(list.path("terms").isArray());
    list.path("terms")
        .forEach(
            term -> {
              assertString(term, "match");
              assertString(term, "url");
            });
  }
}
