package org.dossier.iiif.search;

import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the answers of the search and autocomplete services from a record's {@link WordIndex}:
 * Search 2.0 (§4.2, §4.3, §5.2) and 1.0 (§3.3, §3.4, §4.3).
 *
 * <p>A hit on page OCR gives one annotation per line it touches, with the matched words as body and
 * their box as target ({@code canvas#xywh=}); a hit in a record text, which has no place on a
 * canvas, targets the Manifest. Each hit also gets its context: in 2.0 a {@code contextualizing}
 * annotation with a {@code TextQuoteSelector} (prefix, exact, suffix) per annotation of the hit
 * (§4.3.1; a hit over several lines targets each of them, as §4.3.4 shows), in 1.0 a {@code
 * search:Hit} with {@code match}, {@code before} and {@code after} (§3.4.2, §3.4.4).
 *
 * <p>Long answers are paged by hits, so that a hit is never split across pages: in 2.0 each page
 * embeds its AnnotationCollection ({@code partOf}, with {@code total} annotations) and links {@code
 * next}/{@code prev} (§4.2.2); in 1.0 each list is {@code within} a Layer whose {@code total}
 * counts hits, with {@code next}/{@code prev} and {@code startIndex} (§3.3.2).
 */
final class SearchAnswers {
  private final Urls urls;
  private final int pageSize;
  private final int termLimit;

  /**
   * @param pageSize the most hits (or, for a search without {@code q}, annotations) on a page
   * @param termLimit the most terms an autocomplete answer lists
   */
  SearchAnswers(Urls urls, int pageSize, int termLimit) {
    this.urls = urls;
    this.pageSize = pageSize;
    this.termLimit = termLimit;
  }

  int pageSize() {
    return pageSize;
  }

  int termLimit() {
    return termLimit;
  }

  /**
   * One annotation of an answer: a segment of a hit, or a whole line or text when there is no
   * {@code q}.
   */
  private record Item(
      String id, int stream, int page, boolean boxed, int x, int y, int w, int h, String text) {}

  /**
   * The answer to a search.
   *
   * @throws SearchException 404 for a page beyond the last
   */
  ObjectNode search(SearchApi api, String recordId, WordIndex index, SearchRequest request) {
    return request.q() == null
        ? listing(api, recordId, index, request)
        : hits(api, recordId, index, request);
  }

  private ObjectNode hits(SearchApi api, String recordId, WordIndex index, SearchRequest request) {
    List<String> keys = Folding.queryKeys(request.q());
    int[] starts = api.selects(request.motivation()) ? index.find(keys) : new int[0];
    int count = keys.size();
    Paging paging = paging(request, starts.length);
    List<Item> items = new ArrayList<>();
    List<WordIndex.HitText> hits = new ArrayList<>();
    List<List<String>> hitItems = new ArrayList<>();
    List<String> hitIds = new ArrayList<>();
    String service = api.searchUrl(urls, recordId);
    for (int h = paging.from; h < paging.to; h++) {
      WordIndex.HitText hit = index.hit(starts[h], count);
      hits.add(hit);
      List<String> ids = new ArrayList<>(hit.segments().size());
      for (WordIndex.Segment s : hit.segments()) {
        Item item =
            new Item(
                urls.searchAnnotation(service, s.key(index.streams())),
                s.stream(),
                s.page(),
                s.boxed(),
                s.x(),
                s.y(),
                s.w(),
                s.h(),
                s.text());
        items.add(item);
        ids.add(item.id());
      }
      hitItems.add(ids);
      hitIds.add(
          urls.searchAnnotation(
              service, "hit-" + hit.segments().get(0).key(index.streams()) + "-n" + count));
    }
    Links links = links(service, request, paging);
    if (api.searchVersion == 2) {
      int annotationsBefore = 0;
      int annotationsTotal = 0;
      for (int h = 0; h < starts.length; h++) {
        int n = index.segmentCount(starts[h], count);
        annotationsTotal += n;
        if (h < paging.from) {
          annotationsBefore += n;
        }
      }
      ObjectNode page = pageV2(links, paging, annotationsBefore, annotationsTotal, request);
      ArrayNode list = page.putArray("items");
      items.forEach(item -> list.add(itemV2(recordId, index, item)));
      if (!hits.isEmpty()) {
        ObjectNode context = page.putArray("annotations").addObject();
        context.put("type", "AnnotationPage");
        ArrayNode contexts = context.putArray("items");
        for (int h = 0; h < hits.size(); h++) {
          contexts.add(contextV2(hitIds.get(h), hits.get(h), hitItems.get(h)));
        }
      }
      return page;
    }
    ObjectNode list = listV1(links, paging, starts.length, request);
    ArrayNode resources = list.putArray("resources");
    items.forEach(item -> resources.add(itemV1(api, recordId, index, item)));
    ArrayNode hitList = list.putArray("hits");
    for (int h = 0; h < hits.size(); h++) {
      WordIndex.HitText hit = hits.get(h);
      ObjectNode entry = hitList.addObject();
      entry.put("@type", "search:Hit");
      ArrayNode annotations = entry.putArray("annotations");
      hitItems.get(h).forEach(annotations::add);
      entry.put("match", hit.exact());
      if (!hit.prefix().isEmpty()) {
        entry.put("before", hit.prefix());
      }
      if (!hit.suffix().isEmpty()) {
        entry.put("after", hit.suffix());
      }
    }
    return list;
  }

  /**
   * A search without {@code q} is not restricted by it (§4.1.1: an empty or absent parameter does
   * not restrict the annotations), so it lists every text annotation: each OCR line, with the id
   * the Presentation API gives it, or each record text.
   */
  private ObjectNode listing(
      SearchApi api, String recordId, WordIndex index, SearchRequest request) {
    String service = api.searchUrl(urls, recordId);
    List<Item> all = new ArrayList<>();
    if (api.selects(request.motivation())) {
      if (index.fromOcr()) {
        for (WordIndex.Line line : index.lines()) {
          all.add(
              new Item(
                  urls.textAnnotation(
                      api.presentationVersion, recordId, line.page(), line.number()),
                  0,
                  line.page(),
                  line.boxed(),
                  line.x(),
                  line.y(),
                  line.w(),
                  line.h(),
                  line.text()));
        }
      } else {
        for (int s = 0; s < index.streams().size(); s++) {
          WordIndex.Stream stream = index.streams().get(s);
          all.add(
              new Item(
                  urls.searchAnnotation(service, stream.kind() + "-" + stream.language()),
                  s,
                  0,
                  false,
                  0,
                  0,
                  0,
                  0,
                  index.streamText(s)));
        }
      }
    }
    Paging paging = paging(request, all.size());
    List<Item> items = all.subList(paging.from, paging.to);
    Links links = links(service, request, paging);
    if (api.searchVersion == 2) {
      ObjectNode page = pageV2(links, paging, paging.from, all.size(), request);
      ArrayNode list = page.putArray("items");
      items.forEach(item -> list.add(itemV2(recordId, index, item)));
      return page;
    }
    ObjectNode list = listV1(links, paging, all.size(), request);
    ArrayNode resources = list.putArray("resources");
    items.forEach(item -> resources.add(itemV1(api, recordId, index, item)));
    list.putArray("hits");
    return list;
  }

  // ---- Search 2.0 ----

  private ObjectNode pageV2(
      Links links, Paging paging, int startIndex, int total, SearchRequest request) {
    ObjectNode page = RecordJson.MAPPER.createObjectNode();
    page.put("@context", SearchApi.SEARCH2_CONTEXT);
    page.put("id", links.self);
    page.put("type", "AnnotationPage");
    if (paging.paged()) {
      ObjectNode collection = page.putObject("partOf");
      collection.put("id", links.collection);
      collection.put("type", "AnnotationCollection");
      collection.put("total", total);
      collection.set("first", pageRef(links.first));
      collection.set("last", pageRef(links.last));
      if (links.next != null) {
        page.set("next", pageRef(links.next));
      }
      if (links.prev != null) {
        page.set("prev", pageRef(links.prev));
      }
      page.put("startIndex", startIndex);
    }
    ignored(page, request);
    return page;
  }

  private static ObjectNode pageRef(String id) {
    ObjectNode ref = RecordJson.MAPPER.createObjectNode();
    ref.put("id", id);
    ref.put("type", "AnnotationPage");
    return ref;
  }

  private ObjectNode itemV2(String recordId, WordIndex index, Item item) {
    ObjectNode annotation = RecordJson.MAPPER.createObjectNode();
    annotation.put("id", item.id());
    annotation.put("type", "Annotation");
    annotation.put("motivation", SearchApi.MOTIVATION_V3);
    ObjectNode body = annotation.putObject("body");
    body.put("type", "TextualBody");
    body.put("value", item.text());
    body.put("format", "text/plain");
    WordIndex.Stream stream = index.streams().get(item.stream());
    if (stream.isOcr()) {
      annotation.put("target", canvasTarget(3, recordId, item));
    } else {
      body.put("language", stream.language());
      ObjectNode target = annotation.putObject("target");
      target.put("id", urls.manifest(3, recordId));
      target.put("type", "Manifest");
    }
    return annotation;
  }

  /**
   * The hit's context, as a {@code contextualizing} annotation on the annotations of its words
   * (§4.3.1, §4.3.4).
   */
  private ObjectNode contextV2(String id, WordIndex.HitText hit, List<String> items) {
    ObjectNode annotation = RecordJson.MAPPER.createObjectNode();
    annotation.put("id", id);
    annotation.put("type", "Annotation");
    annotation.put("motivation", "contextualizing");
    List<WordIndex.Segment> segments = hit.segments();
    List<ObjectNode> targets = new ArrayList<>(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      boolean first = i == 0;
      boolean last = i == segments.size() - 1;
      ObjectNode target = RecordJson.MAPPER.createObjectNode();
      target.put("type", "SpecificResource");
      target.put("source", items.get(i));
      ObjectNode selector = target.putArray("selector").addObject();
      selector.put("type", "TextQuoteSelector");
      if (first && !hit.prefix().isEmpty()) {
        selector.put("prefix", hit.prefix());
      }
      selector.put(
          "exact",
          segments.size() == 1 ? hit.exact() : exactOfSegment(segments.get(i).text(), first, last));
      if (last && !hit.suffix().isEmpty()) {
        selector.put("suffix", hit.suffix());
      }
      targets.add(target);
    }
    if (targets.size() == 1) {
      annotation.set("target", targets.get(0));
    } else {
      annotation.putArray("target").addAll(targets);
    }
    return annotation;
  }

  /**
   * The part of a hit on one of its lines, as printed there: the punctuation before the hit's first
   * word and after its last is left to the prefix and suffix.
   */
  static String exactOfSegment(String text, boolean first, boolean last) {
    int from = first ? Folding.wordStart(text, 0, text.length()) : 0;
    int to = last ? Folding.wordEnd(text, from, text.length()) : text.length();
    return text.substring(from, to);
  }

  // ---- Search 1.0 ----

  private ObjectNode listV1(Links links, Paging paging, int total, SearchRequest request) {
    ObjectNode list = RecordJson.MAPPER.createObjectNode();
    // §3.4: with search-specific properties (hits), both contexts, the Presentation API's first.
    list.putArray("@context").add(SearchApi.PRESENTATION2_CONTEXT).add(SearchApi.SEARCH1_CONTEXT);
    list.put("@id", links.self);
    list.put("@type", "sc:AnnotationList");
    // §3.3.2, §3.4.1: the Layer of the whole result, with its total and the ignored parameters.
    ObjectNode layer = list.putObject("within");
    layer.put("@type", "sc:Layer");
    layer.put("total", total);
    layer.put("first", links.first);
    layer.put("last", links.last);
    ignored(layer, request);
    if (links.next != null) {
      list.put("next", links.next);
    }
    if (links.prev != null) {
      list.put("prev", links.prev);
    }
    list.put("startIndex", paging.from);
    return list;
  }

  private ObjectNode itemV1(SearchApi api, String recordId, WordIndex index, Item item) {
    ObjectNode annotation = RecordJson.MAPPER.createObjectNode();
    annotation.put("@id", item.id());
    annotation.put("@type", "oa:Annotation");
    annotation.put("motivation", SearchApi.MOTIVATION_V2);
    ObjectNode resource = annotation.putObject("resource");
    resource.put("@type", "cnt:ContentAsText");
    resource.put("chars", item.text());
    annotation.put(
        "on",
        index.streams().get(item.stream()).isOcr()
            ? canvasTarget(api.presentationVersion, recordId, item)
            : urls.manifest(api.presentationVersion, recordId));
    return annotation;
  }

  // ---- autocomplete ----

  /**
   * The answer of the autocomplete service: words beginning with {@code q}, most frequent first.
   */
  ObjectNode autocomplete(SearchApi api, String recordId, WordIndex index, SearchRequest request) {
    List<WordIndex.Term> terms = List.of();
    String q = request.q().strip();
    // §5.1 (1.0 §4.2): q is one string, white space included; a word of the text has none.
    if (api.selects(request.motivation()) && !q.matches(".*[\\s\\p{Z}].*")) {
      terms = index.complete(Folding.key(q), request.min(), termLimit);
    }
    String self =
        withQuery(
            api.autocompleteUrl(urls, recordId),
            "q",
            request.q(),
            "motivation",
            request.motivation(),
            "min",
            request.min() > 1 ? Integer.toString(request.min()) : null);
    ObjectNode answer = RecordJson.MAPPER.createObjectNode();
    if (api.searchVersion == 2) {
      answer.put("@context", SearchApi.SEARCH2_CONTEXT);
      answer.put("id", self);
      answer.put("type", "TermPage");
      ignored(answer, request);
      ArrayNode items = answer.putArray("items");
      for (WordIndex.Term term : terms) {
        ObjectNode t = items.addObject();
        t.put("value", term.value());
        t.put("total", term.count());
      }
      return answer;
    }
    answer.put("@context", SearchApi.SEARCH1_CONTEXT);
    answer.put("@id", self);
    answer.put("@type", "search:TermList");
    ignored(answer, request);
    ArrayNode list = answer.putArray("terms");
    String search = api.searchUrl(urls, recordId);
    for (WordIndex.Term term : terms) {
      ObjectNode t = list.addObject();
      t.put("match", term.value());
      t.put("url", withQuery(search, "q", term.value(), "motivation", request.motivation()));
      t.put("count", term.count());
    }
    return answer;
  }

  // ---- shared ----

  private String canvasTarget(int presentationVersion, String recordId, Item item) {
    String canvas = urls.canvas(presentationVersion, recordId, item.page());
    // Plain-text OCR has no boxes: its words are somewhere on the canvas.
    return item.boxed()
        ? canvas + "#xywh=" + item.x() + "," + item.y() + "," + item.w() + "," + item.h()
        : canvas;
  }

  private static void ignored(ObjectNode node, SearchRequest request) {
    if (!request.ignored().isEmpty()) {
      ArrayNode ignored = node.putArray("ignored");
      request.ignored().forEach(ignored::add);
    }
  }

  /** Which hits (or annotations) a page shows. */
  private record Paging(int page, int pages, int from, int to) {
    boolean paged() {
      return pages > 1;
    }
  }

  private Paging paging(SearchRequest request, int total) {
    int pages = Math.max(1, (total + pageSize - 1) / pageSize);
    if (request.page() > pages) {
      throw SearchException.notFound(
          "this answer has "
              + pages
              + (pages == 1 ? " page" : " pages")
              + ", not "
              + request.page());
    }
    int from = (request.page() - 1) * pageSize;
    return new Paging(
        request.page(), pages, Math.min(from, total), Math.min(from + pageSize, total));
  }

  /** The URLs of an answer: its own, its collection's (without page), and its neighbours'. */
  private record Links(
      String self, String collection, String first, String last, String next, String prev) {}

  private static Links links(String service, SearchRequest request, Paging paging) {
    String collection = withQuery(service, "q", request.q(), "motivation", request.motivation());
    if (!paging.paged()) {
      return new Links(collection, collection, collection, collection, null, null);
    }
    return new Links(
        page(collection, paging.page),
        collection,
        page(collection, 1),
        page(collection, paging.pages),
        paging.page < paging.pages ? page(collection, paging.page + 1) : null,
        paging.page > 1 ? page(collection, paging.page - 1) : null);
  }

  private static String page(String collection, int n) {
    return collection + (collection.contains("?") ? "&" : "?") + "page=" + n;
  }

  /** A URL with query parameters from name/value pairs; null values are left out. */
  static String withQuery(String url, String... pairs) {
    StringBuilder s = new StringBuilder(url);
    char separator = '?';
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        s.append(separator).append(pairs[i]).append('=').append(Urls.query(pairs[i + 1]));
        separator = '&';
      }
    }
    return s.toString();
  }
}
