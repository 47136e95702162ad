package org.dossier.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;

/**
 * The fields of a record's Lucene document. {@code text} is what a query searches by default;
 * {@code title} and {@code summary} are stored so hits can be shown and highlighted without asking
 * the catalog (the title with offsets in its postings); the facet dimensions count and filter
 * results.
 *
 * <p>A record's texts and its pages' OCR go to one field per language group ({@link TextGroup}:
 * {@code text_en}, {@code text_ru}, {@code text_other}), one value per text or page, stored with
 * offsets in the postings so the places that matched can be cut out and marked without analysing
 * the text again; beside each value a stored {@link TextSource} says which text it is. The
 * languages of the texts are the {@link Facet#TEXT_LANGUAGE} facet.
 */
final class IndexFields {
  static final String ID = "id";
  static final String TEXT = "text";
  static final String TITLE = "title";
  static final String SUMMARY = "summary";
  static final String PERSON = "person";
  static final String PLACE = "place";
  static final String TYPE = "type";
  static final String SUBJECT = "subject";
  static final String DATE = "date";
  static final String DATE_SORT = "date_sort";
  static final String YEAR = "year";
  static final String DATESTAMP = "datestamp";

  /**
   * A fixed pseudo-random bucket of each record (0 to {@value #SAMPLE_BUCKETS} - 1, from a hash of
   * its id): the first few buckets are a sample of the index that facets of very many results are
   * counted over. Fixed, so the same search shows the same estimates every time.
   */
  static final String SAMPLE = "sample";

  static final int SAMPLE_BUCKETS = 64;

  /**
   * Each segment keeps its records in sample-bucket order, so the sample's records lie together at
   * the start of a segment: counting facets over them reads the doc values front to back instead of
   * jumping through the whole segment.
   */
  static final Sort INDEX_SORT = new Sort(new SortField(SAMPLE, SortField.Type.INT));

  /** Fields that a query may name ("title:stalin"), and the highlighter may take its terms from. */
  static final List<String> SEARCHABLE = List.of(TEXT, TITLE, PERSON, PLACE, TYPE, SUBJECT);

  /** The fields of the record's texts, one per language group. */
  static final List<String> TEXT_FIELDS =
      java.util.Arrays.stream(TextGroup.values()).map(TextGroup::field).toList();

  /**
   * The character between two texts in a field's stored values as the highlighter joins them (its
   * multi-value separator, one char as the offset gap between values is), which texts therefore
   * must not contain.
   */
  static final char VALUE_SEPARATOR = '\u0000';

  private static final FieldType SHOWN_TEXT = new FieldType(TextField.TYPE_STORED);

  static {
    // Offsets in the postings let the highlighter mark matches without re-analysing the text.
    SHOWN_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    SHOWN_TEXT.freeze();
  }

  private IndexFields() {}

  /** The facet dimensions; collection, person and place hold several values per record. */
  static FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    for (Facet facet : Facet.values()) {
      config.setMultiValued(facet.dim(), facet.multiValued());
    }
    return config;
  }

  /** Records in the first {@code buckets} sample buckets. */
  static Query sample(int buckets) {
    List<BytesRef> terms = new java.util.ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      terms.add(new BytesRef(Integer.toString(b)));
    }
    return new TermInSetQuery(SAMPLE, terms);
  }

  /**
   * The sample bucket of an id: its hash, mixed by MurmurHash3's 32-bit finalizer so near ids
   * spread.
   */
  static int bucket(String id) {
    int h = id.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, SAMPLE_BUCKETS);
  }

  /** A record's datestamp as the index keeps it: epoch seconds, 0 while not known. */
  static long datestamp(Record r) {
    return r.datestamp() == null ? 0 : r.datestamp().getEpochSecond();
  }

  static Document document(Record r, FacetsConfig config) throws java.io.IOException {
    return document(IndexedRecord.of(r), config);
  }

  static Document document(IndexedRecord indexed, FacetsConfig config) throws java.io.IOException {
    Record r = indexed.record();
    Document doc = new Document();
    doc.add(new StringField(ID, r.id(), Field.Store.YES));
    int bucket = bucket(r.id());
    doc.add(new StringField(SAMPLE, Integer.toString(bucket), Field.Store.NO));
    doc.add(new NumericDocValuesField(SAMPLE, bucket));
    doc.add(new SortedDocValuesField(ID, new BytesRef(r.id())));
    doc.add(new Field(TITLE, r.title(), SHOWN_TEXT));
    doc.add(new TextField(TEXT, r.title(), Field.Store.NO));
    if (r.summary() != null) {
      // Stored only: it is searched through "text" and highlighted by analysing it again, which
      // for ten hits costs less than indexing every summary twice.
      doc.add(new StoredField(SUMMARY, r.summary()));
      doc.add(new TextField(TEXT, r.summary(), Field.Store.NO));
    }
    if (r.type() != null) {
      doc.add(new TextField(TYPE, r.type(), Field.Store.NO));
      doc.add(new TextField(TEXT, r.type(), Field.Store.NO));
      doc.add(new SortedSetDocValuesFacetField(Facet.TYPE.dim(), r.type()));
    }
    for (String person : r.people()) {
      doc.add(new TextField(PERSON, person, Field.Store.NO));
      doc.add(new TextField(TEXT, person, Field.Store.NO));
      doc.add(new SortedSetDocValuesFacetField(Facet.PERSON.dim(), person));
    }
    for (String place : r.places()) {
      doc.add(new TextField(PLACE, place, Field.Store.NO));
      doc.add(new TextField(TEXT, place, Field.Store.NO));
      doc.add(new SortedSetDocValuesFacetField(Facet.PLACE.dim(), place));
    }
    for (String subject : r.subjects()) {
      doc.add(new TextField(SUBJECT, subject, Field.Store.NO));
      doc.add(new TextField(TEXT, subject, Field.Store.NO));
    }
    for (String collection : r.collections()) {
      doc.add(new SortedSetDocValuesFacetField(Facet.COLLECTION.dim(), collection));
    }
    if (r.date() != null) {
      doc.add(new StoredField(DATE, r.date().toString()));
      doc.add(new NumericDocValuesField(DATE_SORT, r.date().start().toEpochDay()));
      doc.add(new IntPoint(YEAR, r.date().year()));
      doc.add(
          new SortedSetDocValuesFacetField(Facet.YEAR.dim(), Integer.toString(r.date().year())));
    }
    // Doc values only, so that a document indexed before its datestamp was known (while an import
    // is still open) can be given it in place.
    doc.add(new NumericDocValuesField(DATESTAMP, datestamp(r)));
    // Last: reading a hit's stored fields stops before the texts.
    addTexts(doc, indexed);
    return config.build(doc);
  }

  /** The record's texts, then its pages' OCR by page, each in its language group's field. */
  private static void addTexts(Document doc, IndexedRecord indexed) {
    int ordinal = 0;
    Set<String> languages = new LinkedHashSet<>();
    for (RecordText t : indexed.texts()) {
      String language = language(t.language());
      if (addText(doc, new TextSource(ordinal, t.kind(), language, null), t.text())) {
        ordinal++;
        if (language != null) {
          languages.add(language);
        }
      }
    }
    // A page's OCR has no language of its own: the record's (first) language is the best guess.
    String ocrLanguage =
        indexed.record().languages().isEmpty()
            ? null
            : language(indexed.record().languages().get(0));
    List<PageOcr> pages = new ArrayList<>(indexed.pages());
    pages.sort(Comparator.comparingInt(PageOcr::page));
    for (PageOcr page : pages) {
      // As read: a word hyphenated across two lines is indexed whole.
      if (addText(
          doc,
          new TextSource(ordinal, TextSource.PAGE_OCR, ocrLanguage, page.page()),
          page.readingText())) {
        ordinal++;
        if (ocrLanguage != null) {
          languages.add(ocrLanguage);
        }
      }
    }
    for (String language : languages) {
      doc.add(new SortedSetDocValuesFacetField(Facet.TEXT_LANGUAGE.dim(), language));
    }
  }

  private static boolean addText(Document doc, TextSource source, String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    TextGroup group = TextGroup.of(source.language());
    doc.add(new Field(group.field(), text.replace(VALUE_SEPARATOR, ' '), SHOWN_TEXT));
    doc.add(new StoredField(group.sourceField(), source.encode()));
    return true;
  }

  private static String language(String code) {
    return code == null || code.isBlank() ? null : code.strip().toLowerCase(Locale.ROOT);
  }
}
