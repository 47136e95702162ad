package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.dossier.urls.Urls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SearchServicesTest {
  private static final Urls URLS = new Urls("http://localhost:8080");

  @Test
  void aPresentation3ManifestAdvertisesSearch2AndSearch1WithTheirAutocomplete() {
    JsonNode services = SearchServices.presentation3(URLS, "r/1");
    assertEquals(2, services.size());
    JsonNode search2 = services.path(0);
    assertEquals("http://localhost:8080/iiif/search/2/r%2F1", search2.path("id").asString());
    assertEquals("SearchService2", search2.path("type").asString());
    assertEquals(
        "http://localhost:8080/iiif/search/2/r%2F1/autocomplete",
        search2.path("service").path(0).path("id").asString());
    assertEquals("AutoCompleteService2", search2.path("service").path(0).path("type").asString());
    JsonNode search1 = services.path(1);
    assertEquals("http://localhost:8080/iiif/search/1/r%2F1", search1.path("@id").asString());
    assertEquals("SearchService1", search1.path("@type").asString());
    assertEquals("http://iiif.io/api/search/1/search", search1.path("profile").asString());
    JsonNode autocomplete1 = search1.path("service").path(0);
    assertEquals(
        "http://localhost:8080/iiif/search/1/r%2F1/autocomplete",
        autocomplete1.path("@id").asString());
    assertEquals("AutoCompleteService1", autocomplete1.path("@type").asString());
    assertEquals(
        "http://iiif.io/api/search/1/autocomplete", autocomplete1.path("profile").asString());
    assertFalse(search1.has("@context"), "a 3.0 service carries no @context");
  }

  @Test
  void aPresentation2ManifestAdvertisesSearch1WithItsContext() {
    JsonNode service = SearchServices.presentation2(URLS, "r1");
    assertEquals("http://iiif.io/api/search/1/context.json", service.path("@context").asString());
    assertEquals(
        "http://localhost:8080/iiif/search/1/r1/presentation2", service.path("@id").asString());
    assertEquals("http://iiif.io/api/search/1/search", service.path("profile").asString());
    assertEquals(
        "http://localhost:8080/iiif/search/1/r1/presentation2/autocomplete",
        service.path("service").path("@id").asString());
    assertEquals(
        "http://iiif.io/api/search/1/autocomplete",
        service.path("service").path("profile").asString());
  }
}
