package org.dossier.iiif.search;

import java.util.Set;
import org.dossier.urls.Urls;

/**
 * The three services a record's text is searched through: Content Search 2.0 for the Presentation
 * 3.0 manifest, 1.0 for the same manifest (Mirador 4 speaks only 1.0), and 1.0 for the 2.1
 * manifest. They answer the same search; they differ in the answer's form and in which canvases
 * (3.0 or 2.1 ids) the hits target.
 */
enum SearchApi {
  V2(2, 3),
  V1(1, 3),
  V1_PRESENTATION2(1, 2);

  static final String SEARCH2_CONTEXT = "http://iiif.io/api/search/2/context.json";
  static final String SEARCH1_CONTEXT = "http://iiif.io/api/search/1/context.json";
  static final String PRESENTATION2_CONTEXT = "http://iiif.io/api/presentation/2/context.json";
  static final String SEARCH1_PROFILE = "http://iiif.io/api/search/1/search";
  static final String AUTOCOMPLETE1_PROFILE = "http://iiif.io/api/search/1/autocomplete";

  /**
   * The motivation of the text annotations: {@code supplementing} in the 3.0 form of Search 2.0
   * (text derived from the painted image, Presentation 3.0 §3.4). The 2.1 form of Search 1.0 has no
   * such term; 2.1 associates transcriptions with {@code sc:painting}, as the Search 1.0 examples
   * of OCR text do.
   */
  static final String MOTIVATION_V3 = "supplementing";

  static final String MOTIVATION_V2 = "sc:painting";

  /** The {@code motivation} values that select our annotations (Search 2.0 §4.1.1, 1.0 §3.2.1). */
  private static final Set<String> MATCHING_V3 =
      Set.of("supplementing", "sc:supplementing", "non-painting");

  private static final Set<String> MATCHING_V2 = Set.of("painting", "sc:painting");

  final int searchVersion;
  final int presentationVersion;

  SearchApi(int searchVersion, int presentationVersion) {
    this.searchVersion = searchVersion;
    this.presentationVersion = presentationVersion;
  }

  String searchUrl(Urls urls, String recordId) {
    return this == V1_PRESENTATION2
        ? urls.contentSearchPresentation2(recordId)
        : urls.contentSearch(searchVersion, recordId);
  }

  String autocompleteUrl(Urls urls, String recordId) {
    return this == V1_PRESENTATION2
        ? urls.autocompletePresentation2(recordId)
        : urls.autocomplete(searchVersion, recordId);
  }

  String motivation() {
    return searchVersion == 2 ? MOTIVATION_V3 : MOTIVATION_V2;
  }

  /**
   * Whether a request's {@code motivation} parameter selects our annotations: absent or empty it
   * restricts nothing; otherwise any one of its space-separated values must name their motivation.
   */
  boolean selects(String motivation) {
    if (motivation == null || motivation.isBlank()) {
      return true;
    }
    Set<String> matching = searchVersion == 2 ? MATCHING_V3 : MATCHING_V2;
    for (String value : motivation.strip().split("\\s+")) {
      if (matching.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /** The media type of answers when the client accepts JSON-LD. */
  String jsonLdType() {
    return "application/ld+json;profile=\""
        + (searchVersion == 2 ? SEARCH2_CONTEXT : SEARCH1_CONTEXT)
        + "\"";
  }
}
