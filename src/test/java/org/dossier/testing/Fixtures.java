package org.dossier.testing;

import java.util.List;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.ArchiveDate;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;

/** Small records and collections for tests, built fluently. */
public final class Fixtures {
  private Fixtures() {}

  public static ArchiveCollection collection(String id) {
    return new ArchiveCollection(id, "Collection " + id, "About " + id, null);
  }

  public static RecordBuilder record(String id) {
    return new RecordBuilder(id);
  }

  public static final class RecordBuilder {
    private final String id;
    private String title;
    private String date = "1950-04";
    private String summary = "A summary.";
    private String type = "telegram";
    private List<String> collections = List.of();
    private List<Page> pages = List.of(new Page("test/p1.jpg", 100, 140, null));

    RecordBuilder(String id) {
      this.id = id;
      this.title = "Title of " + id;
    }

    public RecordBuilder title(String t) {
      title = t;
      return this;
    }

    public RecordBuilder date(String d) {
      date = d;
      return this;
    }

    public RecordBuilder summary(String s) {
      summary = s;
      return this;
    }

    public RecordBuilder type(String t) {
      type = t;
      return this;
    }

    public RecordBuilder in(String... c) {
      collections = List.of(c);
      return this;
    }

    public RecordBuilder pages(Page... p) {
      pages = List.of(p);
      return this;
    }

    public Record build() {
      return new Record(
          id,
          title,
          date == null ? null : ArchiveDate.parse(date),
          summary,
          type,
          List.of("en"),
          List.of("Kim Il Sung"),
          List.of("Pyongyang"),
          List.of(),
          null,
          null,
          "http://rightsstatements.org/vocab/CNE/1.0/",
          collections,
          pages,
          null,
          false);
    }
  }
}
