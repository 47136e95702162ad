package org.dossier.iiif.presentation;

import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code service} entries a manifest carries (the services themselves are {@code
 * org.dossier.iiif.search}'s; a manifest only names them by their URLs) to advertise the search of
 * its text. A 3.0 manifest lists both versions (Search 2.0 §3; Mirador 4 and other viewers speak
 * only 1.0), a 2.1 manifest the 1.0 service in its own form (Search 1.0 §3.1, §4.1). Each search
 * service nests its autocomplete service.
 */
public final class SearchServices {
  static final String SEARCH1_CONTEXT = "http://iiif.io/api/search/1/context.json";
  static final String SEARCH1_PROFILE = "http://iiif.io/api/search/1/search";
  static final String AUTOCOMPLETE1_PROFILE = "http://iiif.io/api/search/1/autocomplete";

  private SearchServices() {}

  /**
   * For a Presentation 3.0 manifest: {@code SearchService2} with {@code AutoCompleteService2}, then
   * {@code SearchService1} with {@code AutoCompleteService1}. The 1.0 entries keep the
   * {@code @id}/{@code @type} keys of their own version and their {@code profile}, by which 1.0
   * clients find them (Presentation 3.0, property {@code service}: clients should accept the older
   * keys, and a service carries no {@code @context} of its own).
   *
   * @return the entries, to add to the manifest's {@code service} array
   */
  public static ArrayNode presentation3(Urls urls, String recordId) {
    ArrayNode services = RecordJson.MAPPER.createArrayNode();
    ObjectNode search2 = services.addObject();
    search2.put("id", urls.contentSearch(2, recordId));
    search2.put("type", "SearchService2");
    ObjectNode autocomplete2 = search2.putArray("service").addObject();
    autocomplete2.put("id", urls.autocomplete(2, recordId));
    autocomplete2.put("type", "AutoCompleteService2");
    ObjectNode search1 = services.addObject();
    search1.put("@id", urls.contentSearch(1, recordId));
    search1.put("@type", "SearchService1");
    search1.put("profile", SEARCH1_PROFILE);
    ObjectNode autocomplete1 = search1.putArray("service").addObject();
    autocomplete1.put("@id", urls.autocomplete(1, recordId));
    autocomplete1.put("@type", "AutoCompleteService1");
    autocomplete1.put("profile", AUTOCOMPLETE1_PROFILE);
    return services;
  }

  /**
   * For a Presentation 2.1 manifest: the Search 1.0 service with its {@code @context} and {@code
   * profile}, and the autocomplete service nested in it (Search 1.0 §4.1). Its hits target the 2.1
   * canvases.
   *
   * @return the service object (the manifest's {@code service}, or an entry of it)
   */
  public static ObjectNode presentation2(Urls urls, String recordId) {
    ObjectNode search = RecordJson.MAPPER.createObjectNode();
    search.put("@context", SEARCH1_CONTEXT);
    search.put("@id", urls.contentSearchPresentation2(recordId));
    search.put("profile", SEARCH1_PROFILE);
    ObjectNode autocomplete = search.putObject("service");
    autocomplete.put("@id", urls.autocompletePresentation2(recordId));
    autocomplete.put("profile", AUTOCOMPLETE1_PROFILE);
    return search;
  }
}
