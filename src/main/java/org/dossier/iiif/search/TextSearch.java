package org.dossier.iiif.search;

import java.util.List;
import java.util.Map;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.RecordText;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;

/**
 * The search of one record's text without HTTP or catalog, for benchmarks: the index the services
 * build and the answers they write, from OCR and texts given directly.
 */
public final class TextSearch {
  private final String recordId;
  private final WordIndex index;
  private final SearchAnswers answers;
  private final int maxQueryLength;

  private TextSearch(String recordId, WordIndex index, SearchAnswers answers, int maxQueryLength) {
    this.recordId = recordId;
    this.index = index;
    this.answers = answers;
    this.maxQueryLength = maxQueryLength;
  }

  /** Indexes a record's text as the services do. */
  public static TextSearch of(
      Urls urls, Settings settings, String recordId, List<PageOcr> pages, List<RecordText> texts) {
    return new TextSearch(
        recordId,
        WordIndex.of(pages, texts),
        new SearchAnswers(
            urls,
            settings.get(Settings.IIIF_SEARCH_PAGE_SIZE),
            settings.get(Settings.IIIF_SEARCH_AUTOCOMPLETE_TERMS)),
        settings.get(Settings.IIIF_SEARCH_MAX_QUERY_LENGTH));
  }

  public int words() {
    return index.wordCount();
  }

  /** The memory the index takes, roughly, as the cache counts it. */
  public long indexBytes() {
    return index.weight();
  }

  /**
   * The first page of the Content Search answer for {@code q}, as JSON, in Search API version 1 or
   * 2.
   */
  public byte[] search(int version, String q) {
    SearchRequest request = SearchRequest.parse(Map.of("q", List.of(q)), false, maxQueryLength);
    return RecordJson.MAPPER.writeValueAsBytes(
        answers.search(version == 2 ? SearchApi.V2 : SearchApi.V1, recordId, index, request));
  }

  /** The autocomplete answer for {@code q}, as JSON, in Search API version 1 or 2. */
  public byte[] autocomplete(int version, String q) {
    SearchRequest request = SearchRequest.parse(Map.of("q", List.of(q)), true, maxQueryLength);
    return RecordJson.MAPPER.writeValueAsBytes(
        answers.autocomplete(version == 2 ? SearchApi.V2 : SearchApi.V1, recordId, index, request));
  }
}
