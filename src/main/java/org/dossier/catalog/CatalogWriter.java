package org.dossier.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One write transaction on the catalog. Records are buffered and written in batches; only what
 * changed is written, with a change-log entry each. Every row written gets its datestamp at {@link
 * #commit()}, the moment the change becomes visible, so that a harvester whose previous harvest ran
 * while this transaction was open still finds the change after its {@code from}. Closing without a
 * commit rolls everything back.
 */
public final class CatalogWriter implements AutoCloseable {

  /** Marks rows written in this transaction until commit stamps them; never visible outside it. */
  private static final long PENDING = -1;

  private static final int BATCH = 500;

  /** The change-log entity of a refresh marker (operation {@code refresh}, id empty). */
  static final String REFRESH_ENTITY = "stream";

  private final Connection connection;
  private final Consumer<Connection> discard;

  /** Told after a commit (a read replica then waits for it before it answers this process). */
  Runnable afterCommit;

  private final Clock clock;
  private final long startSeq;

  /** The last stream position given (changes.pos): the next change gets one more. */
  private long lastPos;

  /** The last position in each collection's stream touched by this transaction. */
  private final Map<String, Long> lastCollectionPos = new HashMap<>();

  private final List<Entry> buffer = new ArrayList<>();
  private final Set<String> bufferedIds = new HashSet<>();
  private final Set<String> knownCollections = new HashSet<>();
  private int inserted;
  private int updated;
  private int unchanged;
  private int deleted;
  private boolean done;
  private boolean released;
  private Listener listener;

  /**
   * Told of every record this transaction writes, as it is written, and of how the transaction
   * ends: what a derived store needs to prepare its own update while the import goes on, and to
   * publish it only once the catalog has committed.
   */
  public interface Listener {
    /**
     * A record, its texts and its pages' OCR were written (inserted or changed; unchanged ones are
     * not told). Its datestamp is not known yet: it is given at commit. Called on the writing
     * thread; whatever the listener keeps from this call stays uncommitted until {@link
     * #committed}.
     */
    void written(Record record, List<RecordText> texts, List<PageOcr> ocr);

    /**
     * The transaction committed; every change it logged has a sequence number up to {@code
     * lastSeq}, which is the catalog's last while the transaction held the write lock.
     */
    void committed(long lastSeq);

    /** The transaction was rolled back: nothing told by {@link #written} exists in the catalog. */
    void abandoned();
  }

  /** Tells {@code listener} of what this transaction writes and how it ends. */
  public void listen(Listener listener) {
    this.listener = listener;
  }

  /**
   * Takes over a pooled connection with auto-commit off; {@code discard} removes a connection from
   * its pool for good, for when it cannot be handed back in a known state.
   */
  CatalogWriter(
      Connection connection, Consumer<Connection> discard, Catalog.Dialect dialect, Clock clock) {
    this.connection = connection;
    this.discard = discard;
    this.clock = clock;
    try (Statement s = connection.createStatement()) {
      if (dialect == Catalog.Dialect.POSTGRESQL) {
        // One writer at a time, so change-log sequence numbers become visible in order and a
        // derived store reading "seq > n" can never skip one that commits later.
        s.execute("LOCK TABLE changes IN EXCLUSIVE MODE");
      }
      try (ResultSet rs = s.executeQuery(LAST_SEQ_AND_POS)) {
        rs.next();
        startSeq = rs.getLong(1);
        lastPos = rs.getLong(2);
      }
    } catch (SQLException e) {
      rollbackQuietly();
      closeConnection();
      throw new CatalogException("cannot start a catalog transaction: " + e.getMessage(), e);
    }
  }

  /**
   * Where the change log ends, read as a write begins. One MAX per subquery: SQLite reads a MAX
   * from the end of an index only when it is the query's one aggregate, and the two side by side
   * scanned the whole change log on every write (9 ms at 110,000 changes; PUTs into a catalog of
   * 100,000 records went from 91 to 361-562 a second).
   */
  static final String LAST_SEQ_AND_POS =
      "SELECT COALESCE((SELECT MAX(seq) FROM changes), 0),"
          + " COALESCE((SELECT MAX(pos) FROM changes), 0)";

  /** Counts of what this transaction did so far (records; collections are not counted). */
  public record Counts(int inserted, int updated, int unchanged, int deleted) {}

  /** Writes a collection unless it is stored with the same content already. */
  public void put(ArchiveCollection collection) {
    String body = RecordJson.write(RecordJson.toJson(collection));
    String hash = RecordJson.sha256(body);
    try {
      String existing = null;
      try (PreparedStatement ps =
          connection.prepareStatement("SELECT content_hash FROM collections WHERE id = ?")) {
        ps.setString(1, collection.id());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            existing = rs.getString(1);
          }
        }
      }
      knownCollections.add(collection.id());
      if (hash.equals(existing)) {
        return;
      }
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO collections (id, title, description, content_hash, datestamp) VALUES (?, ?, ?, ?, ?)"
                  + " ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,"
                  + " content_hash = excluded.content_hash, datestamp = excluded.datestamp")) {
        ps.setString(1, collection.id());
        ps.setString(2, collection.title());
        ps.setString(3, collection.description());
        ps.setString(4, hash);
        ps.setLong(5, PENDING);
        ps.executeUpdate();
      }
      if (existing != null) {
        // Its members' renditions carry the collection's title: they are stale from this commit on.
        try (PreparedStatement ps =
            connection.prepareStatement(
                "DELETE FROM renditions WHERE record_id IN"
                    + " (SELECT record_id FROM memberships WHERE collection_id = ?)")) {
          ps.setString(1, collection.id());
          ps.executeUpdate();
        }
      }
      long pos = logChange("collection", collection.id(), "upsert", existing == null);
      logCollectionChange(collection.id(), pos, false);
    } catch (SQLException e) {
      throw fail("cannot write collection " + collection.id(), e);
    }
  }

  /**
   * The content hash of a live record (published or hidden) as this transaction sees it (under its
   * write lock, so no other writer can change it before the commit), or null for a tombstone or an
   * unknown id.
   */
  public String liveRecordHash(String id) {
    if (bufferedIds.contains(id)) {
      flush();
    }
    // A hidden record (deleted = 2) is live here: the admin API reads and writes it.
    return hashOf("SELECT content_hash FROM records WHERE id = ? AND deleted <> 1", id);
  }

  /** The content hash of a collection as this transaction sees it, or null for an unknown id. */
  public String collectionHash(String id) {
    return hashOf("SELECT content_hash FROM collections WHERE id = ?", id);
  }

  private String hashOf(String sql, String id) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw fail("cannot read the state of " + id, e);
    }
  }

  /** True when the collection exists in the catalog or was put in this transaction. */
  public boolean hasCollection(String id) {
    if (knownCollections.contains(id)) {
      return true;
    }
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT 1 FROM collections WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          knownCollections.add(id);
          return true;
        }
        return false;
      }
    } catch (SQLException e) {
      throw fail("cannot look up collection " + id, e);
    }
  }

  /**
   * Writes a record unless it is stored, live, with the same content already. A record without text
   * or OCR descriptors is written without texts or OCR. One that lists them (a record read from the
   * catalog and changed, say) keeps the texts and OCR stored for it: they are read back and written
   * with it, and its descriptors are derived from them again.
   *
   * @throws IllegalArgumentException when the stored OCR is for a page the record no longer has
   */
  public void put(Record record) {
    if (record.texts().isEmpty() && !record.hasOcr()) {
      put(record, List.of(), List.of());
      return;
    }
    if (bufferedIds.contains(record.id())) {
      flush();
    }
    try {
      put(record, storedTexts(record.id()), storedOcr(record.id()));
    } catch (SQLException e) {
      throw fail("cannot read the texts of record " + record.id(), e);
    }
  }

  private List<RecordText> storedTexts(String id) throws SQLException {
    List<RecordText> texts = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT kind, language, body FROM record_texts WHERE record_id = ? ORDER BY seq")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          texts.add(new RecordText(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return texts;
  }

  private List<PageOcr> storedOcr(String id) throws SQLException {
    List<PageOcr> ocr = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT page, format, source, lines FROM page_ocr WHERE record_id = ? ORDER BY page")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ocr.add(
              new PageOcr(
                  rs.getInt(1), rs.getString(2), rs.getString(3), OcrCodec.decode(rs.getBytes(4))));
        }
      }
    }
    return ocr;
  }

  /**
   * Writes a record with its texts and the OCR of its pages, unless it is stored, live, with the
   * same content already. The record's text descriptors and its pages' OCR descriptors are taken
   * from {@code texts} and {@code ocr} (whatever the record says); the texts and the OCR words are
   * part of the content, so a changed transcript or a changed word moves the datestamp.
   *
   * @param ocr at most one per page, each for a page the record has
   * @throws IllegalArgumentException for OCR of a page the record does not have, two OCR layers for
   *     one page, or two texts of the same kind and language
   */
  public void put(Record record, List<RecordText> texts, List<PageOcr> ocr) {
    Entry entry = Entry.of(record, texts, ocr);
    if (bufferedIds.contains(record.id())) {
      flush();
    }
    buffer.add(entry);
    bufferedIds.add(record.id());
    if (buffer.size() >= BATCH) {
      flush();
    }
  }

  /**
   * A record ready to write: its canonical body, its content hash, its texts and its OCR's layouts
   * (not yet deflated).
   */
  private record Entry(
      Record record,
      String body,
      String hash,
      List<RecordText> texts,
      List<PageOcr> ocr,
      List<byte[]> packed) {

    static Entry of(Record record, List<RecordText> texts, List<PageOcr> ocr) {
      List<TextRef> refs = new ArrayList<>(texts.size());
      Set<String> textKeys = new HashSet<>();
      for (RecordText t : texts) {
        if (!textKeys.add(t.kind() + " " + t.language())) {
          throw new IllegalArgumentException(
              "record "
                  + record.id()
                  + " has two texts of kind "
                  + t.kind()
                  + " in "
                  + t.language());
        }
        refs.add(t.ref());
      }
      PageOcr[] byPage = new PageOcr[record.pages().size()];
      for (PageOcr o : ocr) {
        if (o.page() > byPage.length) {
          throw new IllegalArgumentException(
              "OCR for page "
                  + o.page()
                  + " of record "
                  + record.id()
                  + ", which has "
                  + byPage.length
                  + " page(s)");
        }
        if (byPage[o.page() - 1] != null) {
          throw new IllegalArgumentException(
              "two OCR layers for page " + o.page() + " of record " + record.id());
        }
        byPage[o.page() - 1] = o;
      }
      List<Page> pages = new ArrayList<>(byPage.length);
      List<PageOcr> ordered = new ArrayList<>(ocr.size());
      for (int i = 0; i < byPage.length; i++) {
        Page p = record.pages().get(i);
        PageOcr o = byPage[i];
        if (o == null) {
          pages.add(p.withoutOcr());
        } else {
          pages.add(new Page(p.image(), p.width(), p.height(), p.label(), o.source(), o.format()));
          ordered.add(o);
        }
      }
      Record normalised = record.withPagesAndTexts(pages, refs);
      String body = RecordJson.write(RecordJson.toJson(normalised));
      List<byte[]> packed = new ArrayList<>(ordered.size());
      String hash;
      if (texts.isEmpty() && ordered.isEmpty()) {
        // The hash of a record without texts is the hash of its body alone, as before texts
        // existed.
        hash = RecordJson.sha256(body);
      } else {
        MessageDigest digest = RecordJson.sha256();
        digest.update(body.getBytes(StandardCharsets.UTF_8));
        for (RecordText t : texts) {
          digest.update((byte) 0);
          digest.update(t.text().getBytes(StandardCharsets.UTF_8));
        }
        for (PageOcr o : ordered) {
          byte[] layout = OcrCodec.layout(o.lines());
          digest.update((byte) 1);
          digest.update(layout);
          packed.add(
              layout); // deflated only if the record is written: most re-imports write nothing
        }
        hash = HexFormat.of().formatHex(digest.digest());
      }
      return new Entry(normalised, body, hash, List.copyOf(texts), ordered, packed);
    }
  }

  /**
   * Turns a live record (published or hidden) into a tombstone. Its memberships and type stay, so
   * that selective harvesters of its sets learn of the deletion.
   *
   * @return false when there is no live record with this id
   */
  public boolean delete(String id) {
    flush();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "UPDATE records SET deleted = 1, datestamp = ? WHERE id = ? AND deleted <> 1")) {
      ps.setLong(1, PENDING);
      ps.setString(2, id);
      if (ps.executeUpdate() == 0) {
        return false;
      }
      dropTexts(id);
      long pos = logChange("record", id, "delete", false);
      for (String collectionId : memberships(List.of(id)).getOrDefault(id, Set.of())) {
        logCollectionChange(collectionId, pos, false);
      }
      deleted++;
      return true;
    } catch (SQLException e) {
      throw fail("cannot delete record " + id, e);
    }
  }

  /**
   * Deletes a collection. Its records stay: each live one leaves it as if re-imported without it (a
   * new body, content hash and datestamp, a change-log entry, and a Remove in the collection's
   * stream), so that harvesters of the record, of the collection's OAI set and of its activity
   * stream all see the change; a tombstone only loses the membership. The collection's own stream
   * keeps its entries and ends with the collection's deletion; its row goes, so that no protocol
   * lists it any more. Nothing else refers to a collection.
   *
   * @return false when there is no such collection
   */
  public boolean deleteCollection(String id) {
    flush();
    try {
      if (collectionHash(id) == null) {
        return false;
      }
      List<String> members = new ArrayList<>();
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT record_id FROM memberships WHERE collection_id = ? ORDER BY record_id")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            members.add(rs.getString(1));
          }
        }
      }
      for (String recordId : members) {
        Record r = storedRecord(recordId);
        if (r != null && !r.deleted()) {
          List<String> rest = new ArrayList<>(r.collections());
          rest.remove(id);
          put(r.withCollections(rest));
        }
      }
      flush();
      try (PreparedStatement ps =
          connection.prepareStatement("DELETE FROM memberships WHERE collection_id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          connection.prepareStatement("DELETE FROM collections WHERE id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      knownCollections.remove(id);
      logCollectionChange(id, logChange("collection", id, "delete", false), false);
      return true;
    } catch (SQLException e) {
      throw fail("cannot delete collection " + id, e);
    }
  }

  /**
   * Gives page {@code page} of a live record a new scan, or appends it as the record's next page,
   * written as an import writes the record (its texts and OCR kept, a new datestamp when anything
   * changed). The page keeps its label; its OCR, if any, is scaled into the new scan's pixels.
   *
   * @param page from 1 up to the record's page count plus one (a new last page)
   * @return false when there is no live record with this id, or no such page and not the next one
   */
  public boolean putPageImage(String recordId, int page, String image, int width, int height) {
    if (bufferedIds.contains(recordId)) {
      flush();
    }
    try {
      Record r = storedRecord(recordId);
      if (r == null || r.deleted() || page < 1 || page > r.pages().size() + 1) {
        return false;
      }
      List<Page> pages = new ArrayList<>(r.pages());
      List<PageOcr> ocr = new ArrayList<>();
      if (page > pages.size()) {
        pages.add(new Page(image, width, height, null));
        ocr.addAll(storedOcr(recordId));
      } else {
        Page old = pages.get(page - 1);
        pages.set(page - 1, new Page(image, width, height, old.label()));
        for (PageOcr o : storedOcr(recordId)) {
          ocr.add(o.page() == page ? scaled(o, old, width, height) : o);
        }
      }
      put(r.withPagesAndTexts(pages, r.texts()), storedTexts(recordId), ocr);
      return true;
    } catch (SQLException e) {
      throw fail("cannot give record " + recordId + " a page scan", e);
    }
  }

  /** OCR boxes in the pixels of {@code old}'s scan, in those of a scan of the given size. */
  private static PageOcr scaled(PageOcr o, Page old, int width, int height) {
    if (old.width() == width && old.height() == height) {
      return o;
    }
    double sx = (double) width / old.width();
    double sy = (double) height / old.height();
    List<OcrLine> lines = new ArrayList<>(o.lines().size());
    for (OcrLine l : o.lines()) {
      List<OcrWord> words = new ArrayList<>(l.words().size());
      for (OcrWord w : l.words()) {
        words.add(
            new OcrWord(
                w.text(),
                (int) Math.round(w.x() * sx),
                (int) Math.round(w.y() * sy),
                (int) Math.round(w.w() * sx),
                (int) Math.round(w.h() * sy),
                w.whole()));
      }
      lines.add(
          new OcrLine(
              (int) Math.round(l.x() * sx),
              (int) Math.round(l.y() * sy),
              (int) Math.round(l.w() * sx),
              (int) Math.round(l.h() * sy),
              words));
    }
    return new PageOcr(o.page(), o.format(), o.source(), lines);
  }

  /** A record as stored (its body and deleted flag), or null for an unknown id. */
  private Record storedRecord(String id) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT body, deleted FROM records WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Record r = RecordJson.record(RecordJson.read(rs.getString(1)));
        return rs.getInt(2) != 0 ? r.withState(r.datestamp(), true) : r;
      }
    }
  }

  /**
   * Re-issues every resource in the change log, for harvesters of the activity streams after
   * something that changes every published document without changing the catalog (an upgrade that
   * writes manifests differently): a refresh marker, then an update of every collection and of
   * every live record, in the stream of all changes and in each collection's stream. Records'
   * datestamps do not move (their content did not change); the entries get this transaction's.
   *
   * @return how many resources were re-issued
   */
  public long refresh() {
    flush();
    try {
      List<String> collections = new ArrayList<>();
      try (PreparedStatement ps =
              connection.prepareStatement("SELECT id FROM collections ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          collections.add(rs.getString(1));
        }
      }
      long marker = logChange(REFRESH_ENTITY, "", "refresh", false);
      for (String id : collections) {
        logCollectionChange(id, marker, false);
      }
      for (String id : collections) {
        logCollectionChange(id, logChange("collection", id, "upsert", false), false);
      }
      long reissued = collections.size();
      String after = "";
      while (true) {
        List<String> ids = new ArrayList<>(BATCH);
        try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT id FROM records WHERE deleted = 0 AND id > ? ORDER BY id LIMIT " + BATCH)) {
          ps.setString(1, after);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getString(1));
            }
          }
        }
        if (ids.isEmpty()) {
          return reissued;
        }
        Map<String, Set<String>> member = memberships(ids);
        try (PreparedStatement change =
                connection.prepareStatement(
                    "INSERT INTO changes (entity, entity_id, operation, datestamp, pos, created)"
                        + " VALUES ('record', ?, 'upsert', ?, ?, 0)");
            PreparedStatement collectionChange =
                connection.prepareStatement(
                    "INSERT INTO collection_changes (collection_id, pos, change_pos, removed) VALUES (?, ?, ?, 0)")) {
          for (String id : ids) {
            long pos = ++lastPos;
            change.setString(1, id);
            change.setLong(2, PENDING);
            change.setLong(3, pos);
            change.addBatch();
            for (String collectionId : member.getOrDefault(id, Set.of())) {
              collectionChange.setString(1, collectionId);
              collectionChange.setLong(2, nextCollectionPos(collectionId));
              collectionChange.setLong(3, pos);
              collectionChange.addBatch();
            }
          }
          change.executeBatch();
          collectionChange.executeBatch();
        }
        reissued += ids.size();
        after = ids.get(ids.size() - 1);
      }
    } catch (SQLException e) {
      throw fail("cannot re-issue the catalog's resources", e);
    }
  }

  /**
   * Stamps everything written with one datestamp, now (never earlier than a datestamp already
   * stored), and commits.
   *
   * @return the datestamp given to this transaction's changes
   */
  public Instant commit() {
    flush();
    try {
      long now = clock.instant().getEpochSecond();
      try (PreparedStatement ps =
          connection.prepareStatement("SELECT COALESCE(MAX(datestamp), 0) FROM records")) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          now = Math.max(now, rs.getLong(1));
        }
      }
      update("UPDATE records SET datestamp = ? WHERE datestamp = ?", now, PENDING);
      update("UPDATE collections SET datestamp = ? WHERE datestamp = ?", now, PENDING);
      update("UPDATE changes SET datestamp = ? WHERE seq > ?", now, startSeq);
      long lastSeq = startSeq;
      if (listener != null) {
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM changes");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          lastSeq = rs.getLong(1);
        }
      }
      connection.commit();
      done = true;
      if (afterCommit != null) {
        afterCommit.run();
      }
      if (listener != null) {
        listener.committed(lastSeq);
      }
      return Instant.ofEpochSecond(now);
    } catch (SQLException e) {
      throw fail("cannot commit to the catalog", e);
    } finally {
      if (!done) {
        // Handing the connection back turns auto-commit on, which would commit what was written.
        rollbackQuietly();
        done = true;
        abandon();
      }
      closeConnection();
    }
  }

  private void abandon() {
    Listener l = listener;
    listener = null;
    if (l != null) {
      l.abandoned();
    }
  }

  public Counts counts() {
    return new Counts(inserted, updated, unchanged, deleted);
  }

  @Override
  public void close() {
    if (!done) {
      if (!released) {
        rollbackQuietly();
      }
      done = true;
      closeConnection();
      abandon();
    }
  }

  /**
   * A tombstone keeps no text: its text and OCR rows go, and its body stops listing them, so that
   * nothing read from a tombstone points at texts that are no longer there.
   */
  private void dropTexts(String id) throws SQLException {
    for (String table : List.of("record_texts", "page_ocr")) {
      try (PreparedStatement ps =
          connection.prepareStatement("DELETE FROM " + table + " WHERE record_id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
    }
    String body = null;
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT body FROM records WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          body = rs.getString(1);
        }
      }
    }
    if (body == null) {
      return;
    }
    Record r = RecordJson.record(RecordJson.read(body));
    if (r.texts().isEmpty() && !r.hasOcr()) {
      return;
    }
    List<Page> pages = r.pages().stream().map(Page::withoutOcr).toList();
    try (PreparedStatement ps =
        connection.prepareStatement("UPDATE records SET body = ? WHERE id = ?")) {
      ps.setString(1, RecordJson.write(RecordJson.toJson(r.withPagesAndTexts(pages, List.of()))));
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    try {
      Map<String, String[]> existing = existingState(bufferedIds);
      List<Entry> changed = new ArrayList<>();
      for (Entry e : buffer) {
        String[] state = existing.get(e.record().id());
        if (state != null && state[0].equals(e.hash()) && state[1].equals(stateOf(e.record()))) {
          unchanged++;
          continue;
        }
        if (state == null) {
          inserted++;
        } else {
          updated++;
        }
        changed.add(e);
      }
      writeRecords(changed, existing);
    } catch (SQLException e) {
      throw fail("cannot write records", e);
    } finally {
      buffer.clear();
      bufferedIds.clear();
    }
  }

  /**
   * The value of {@code records.deleted} a written record gets: 0 published, 2 hidden (see the V6
   * migration); 1 is a tombstone, which only {@link #delete} makes.
   */
  private static String stateOf(Record r) {
    return r.access() == AccessLevel.HIDDEN ? "2" : "0";
  }

  private Map<String, String[]> existingState(Set<String> ids) throws SQLException {
    Map<String, String[]> state = new HashMap<>();
    List<String> list = List.copyOf(ids);
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT id, content_hash, deleted FROM records WHERE id IN ("
                + Catalog.placeholders(list.size())
                + ")")) {
      Catalog.bind(ps, list);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          state.put(
              rs.getString(1), new String[] {rs.getString(2), Integer.toString(rs.getInt(3))});
        }
      }
    }
    return state;
  }

  private void writeRecords(List<Entry> changed, Map<String, String[]> existing)
      throws SQLException {
    if (changed.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert =
            connection.prepareStatement(
                "INSERT INTO records (id, title, date_start, doc_type, type_key, body, content_hash, datestamp, deleted, access)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                    + " date_start = excluded.date_start, doc_type = excluded.doc_type, type_key = excluded.type_key,"
                    + " body = excluded.body, content_hash = excluded.content_hash, datestamp = excluded.datestamp,"
                    + " deleted = excluded.deleted, access = excluded.access");
        PreparedStatement clearPages =
            connection.prepareStatement("DELETE FROM pages WHERE record_id = ?");
        PreparedStatement clearMemberships =
            connection.prepareStatement("DELETE FROM memberships WHERE record_id = ?");
        PreparedStatement page =
            connection.prepareStatement(
                "INSERT INTO pages (record_id, seq, image, width, height, label) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement membership =
            connection.prepareStatement(
                "INSERT INTO memberships (collection_id, record_id) VALUES (?, ?)");
        PreparedStatement change =
            connection.prepareStatement(
                "INSERT INTO changes (entity, entity_id, operation, datestamp, pos, created)"
                    + " VALUES ('record', ?, ?, ?, ?, ?)");
        PreparedStatement collectionChange =
            connection.prepareStatement(
                "INSERT INTO collection_changes (collection_id, pos, change_pos, removed) VALUES (?, ?, ?, ?)");
        PreparedStatement clearTexts =
            connection.prepareStatement("DELETE FROM record_texts WHERE record_id = ?");
        PreparedStatement clearOcr =
            connection.prepareStatement("DELETE FROM page_ocr WHERE record_id = ?");
        PreparedStatement text =
            connection.prepareStatement(
                "INSERT INTO record_texts (record_id, seq, kind, language, body) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement ocr =
            connection.prepareStatement(
                "INSERT INTO page_ocr (record_id, page, format, source, words, lines) VALUES (?, ?, ?, ?, ?, ?)")) {
      // The collections each existing record belonged to before this change, for the streams of
      // those it leaves.
      Map<String, Set<String>> before =
          memberships(
              changed.stream().map(e -> e.record().id()).filter(existing::containsKey).toList());
      boolean anyExisting = false;
      boolean anyText = false;
      boolean anyOcr = false;
      for (Entry e : changed) {
        Record r = e.record();
        upsert.setString(1, r.id());
        upsert.setString(2, r.title());
        upsert.setString(3, r.date() == null ? null : r.date().start().toString());
        upsert.setString(4, r.type());
        upsert.setString(5, r.typeKey());
        upsert.setString(6, e.body());
        upsert.setString(7, e.hash());
        upsert.setLong(8, PENDING);
        upsert.setInt(9, Integer.parseInt(stateOf(r)));
        upsert.setString(10, r.access().key());
        upsert.addBatch();
        if (existing.containsKey(r.id())) {
          anyExisting = true;
          clearPages.setString(1, r.id());
          clearPages.addBatch();
          clearMemberships.setString(1, r.id());
          clearMemberships.addBatch();
          clearTexts.setString(1, r.id());
          clearTexts.addBatch();
          clearOcr.setString(1, r.id());
          clearOcr.addBatch();
        }
        int textSeq = 0;
        for (RecordText t : e.texts()) {
          text.setString(1, r.id());
          text.setInt(2, ++textSeq);
          text.setString(3, t.kind());
          text.setString(4, t.language());
          text.setString(5, t.text());
          text.addBatch();
          anyText = true;
        }
        for (int i = 0; i < e.ocr().size(); i++) {
          PageOcr o = e.ocr().get(i);
          ocr.setString(1, r.id());
          ocr.setInt(2, o.page());
          ocr.setString(3, o.format());
          ocr.setString(4, o.source());
          ocr.setInt(5, o.wordCount());
          ocr.setBytes(6, OcrCodec.pack(e.packed().get(i)));
          ocr.addBatch();
          anyOcr = true;
        }
        int seq = 0;
        for (Page p : r.pages()) {
          page.setString(1, r.id());
          page.setInt(2, ++seq);
          page.setString(3, p.image());
          page.setInt(4, p.width());
          page.setInt(5, p.height());
          page.setString(6, p.label());
          page.addBatch();
        }
        for (String collectionId : r.collections()) {
          membership.setString(1, collectionId);
          membership.setString(2, r.id());
          membership.addBatch();
        }
        String[] state = existing.get(r.id());
        long pos = ++lastPos;
        // Every reader of the log (OAI-PMH, change discovery, the projections) sees a hidden
        // record as deleted, and one that comes back from hidden or from a tombstone as created.
        boolean hidden = r.access() == AccessLevel.HIDDEN;
        change.setString(1, r.id());
        change.setString(2, hidden ? "delete" : "upsert");
        change.setLong(3, PENDING);
        change.setLong(4, pos);
        change.setInt(5, !hidden && (state == null || !state[1].equals("0")) ? 1 : 0);
        change.addBatch();
        for (String collectionId : r.collections()) {
          addCollectionChange(collectionChange, collectionId, pos, false);
        }
        for (String collectionId : before.getOrDefault(r.id(), Set.of())) {
          if (!r.collections().contains(collectionId)) {
            addCollectionChange(collectionChange, collectionId, pos, true);
          }
        }
      }
      upsert.executeBatch();
      if (anyExisting) {
        clearPages.executeBatch();
        clearMemberships.executeBatch();
        clearTexts.executeBatch();
        clearOcr.executeBatch();
      }
      page.executeBatch();
      membership.executeBatch();
      if (anyText) {
        text.executeBatch();
      }
      if (anyOcr) {
        ocr.executeBatch();
      }
      change.executeBatch();
      collectionChange.executeBatch();
    }
    Listener l = listener;
    if (l != null) {
      for (Entry e : changed) {
        if (e.record().access() != AccessLevel.HIDDEN) {
          l.written(e.record(), e.texts(), e.ocr());
        }
      }
    }
  }

  /**
   * Appends a change-log entry and returns its stream position.
   *
   * @param created true when the change makes the entity exist (Create, not Update)
   */
  private long logChange(String entity, String id, String operation, boolean created)
      throws SQLException {
    long pos = ++lastPos;
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO changes (entity, entity_id, operation, datestamp, pos, created)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, entity);
      ps.setString(2, id);
      ps.setString(3, operation);
      ps.setLong(4, PENDING);
      ps.setLong(5, pos);
      ps.setInt(6, created ? 1 : 0);
      ps.executeUpdate();
    }
    return pos;
  }

  /** Puts the change at {@code changePos} into a collection's stream. */
  private void logCollectionChange(String collectionId, long changePos, boolean removed)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO collection_changes (collection_id, pos, change_pos, removed) VALUES (?, ?, ?, ?)")) {
      addCollectionChange(ps, collectionId, changePos, removed);
      ps.executeBatch();
    }
  }

  private void addCollectionChange(
      PreparedStatement ps, String collectionId, long changePos, boolean removed)
      throws SQLException {
    ps.setString(1, collectionId);
    ps.setLong(2, nextCollectionPos(collectionId));
    ps.setLong(3, changePos);
    ps.setInt(4, removed ? 1 : 0);
    ps.addBatch();
  }

  private long nextCollectionPos(String collectionId) throws SQLException {
    Long last = lastCollectionPos.get(collectionId);
    if (last == null) {
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT COALESCE(MAX(pos), 0) FROM collection_changes WHERE collection_id = ?")) {
        ps.setString(1, collectionId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          last = rs.getLong(1);
        }
      }
    }
    lastCollectionPos.put(collectionId, last + 1);
    return last + 1;
  }

  /** The collections each of these records belongs to (records without any are left out). */
  private Map<String, Set<String>> memberships(List<String> recordIds) throws SQLException {
    Map<String, Set<String>> found = new HashMap<>();
    for (int start = 0; start < recordIds.size(); start += BATCH) {
      List<String> chunk = recordIds.subList(start, Math.min(recordIds.size(), start + BATCH));
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT record_id, collection_id FROM memberships WHERE record_id IN ("
                  + Catalog.placeholders(chunk.size())
                  + ") ORDER BY record_id, collection_id")) {
        Catalog.bind(ps, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found
                .computeIfAbsent(rs.getString(1), k -> new java.util.LinkedHashSet<>())
                .add(rs.getString(2));
          }
        }
      }
    }
    return found;
  }

  private void update(String sql, long a, long b) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, a);
      ps.setLong(2, b);
      ps.executeUpdate();
    }
  }

  private CatalogException fail(String what, SQLException e) {
    return new CatalogException(what + ": " + e.getMessage(), e);
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the database discards the transaction itself
    }
  }

  /**
   * Hands the connection back once: to the pool when it is back in auto-commit, else away for good.
   */
  private void closeConnection() {
    if (released) {
      return;
    }
    released = true;
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // Its transaction state is unknown (it may even still hold the write lock): never reuse it.
      discard.accept(connection);
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing a broken connection: the pool replaces it
    }
  }
}
