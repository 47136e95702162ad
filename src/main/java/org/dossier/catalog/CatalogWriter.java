package org.dossier.catalog;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One write transaction on the catalog. Records are buffered and written in batches; only what
 * changed is written, with a change-log entry each. Every row written gets its datestamp at
 * {@link #commit()}, the moment the change becomes visible, so that a harvester whose previous
 * harvest ran while this transaction was open still finds the change after its {@code from}.
 * Closing without a commit rolls everything back.
 */
public final class CatalogWriter implements AutoCloseable {

  /** Marks rows written in this transaction until commit stamps them; never visible outside it. */
  private static final long PENDING = -1;
  private static final int BATCH = 500;

  private final Connection connection;
  private final Clock clock;
  private final long startSeq;
  private final List<Record> buffer = new ArrayList<>();
  private final Set<String> bufferedIds = new HashSet<>();
  private final Set<String> knownCollections = new HashSet<>();
  private int inserted;
  private int updated;
  private int unchanged;
  private int deleted;
  private boolean done;

  CatalogWriter(Connection connection, Catalog.Dialect dialect, Clock clock) {
    this.connection = connection;
    this.clock = clock;
    try (Statement s = connection.createStatement()) {
      if (dialect == Catalog.Dialect.POSTGRESQL) {
        // One writer at a time, so change-log sequence numbers become visible in order and a
        // derived store reading "seq > n" can never skip one that commits later.
        s.execute("LOCK TABLE changes IN EXCLUSIVE MODE");
      }
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM changes")) {
        rs.next();
        startSeq = rs.getLong(1);
      }
    } catch (SQLException e) {
      rollbackQuietly();
      throw new CatalogException("cannot start a catalog transaction: " + e.getMessage(), e);
    }
  }

  /** Counts of what this transaction did so far (records; collections are not counted). */
  public record Counts(int inserted, int updated, int unchanged, int deleted) {}

  /** Writes a collection unless it is stored with the same content already. */
  public void put(ArchiveCollection collection) {
    String body = RecordJson.write(RecordJson.toJson(collection));
    String hash = RecordJson.sha256(body);
    try {
      String existing = null;
      try (PreparedStatement ps = connection.prepareStatement("SELECT content_hash FROM collections WHERE id = ?")) {
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
      try (PreparedStatement ps = connection.prepareStatement(
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
      logChange("collection", collection.id(), "upsert");
    } catch (SQLException e) {
      throw fail("cannot write collection " + collection.id(), e);
    }
  }

  /** True when the collection exists in the catalog or was put in this transaction. */
  public boolean hasCollection(String id) {
    if (knownCollections.contains(id)) {
      return true;
    }
    try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM collections WHERE id = ?")) {
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

  /** Writes a record unless it is stored, live, with the same content already. */
  public void put(Record record) {
    if (bufferedIds.contains(record.id())) {
      flush();
    }
    buffer.add(record);
    bufferedIds.add(record.id());
    if (buffer.size() >= BATCH) {
      flush();
    }
  }

  /**
   * Writes a record with its texts and pages' OCR (TEMP contract stub: the fulltext branch stores
   * them; here only a record without any can be written).
   */
  public void put(Record record, List<RecordText> texts, List<PageOcr> ocr) {
    if (!texts.isEmpty() || !ocr.isEmpty()) {
      throw new UnsupportedOperationException("texts and OCR need the catalog of the fulltext branch");
    }
    put(record);
  }

  /**
   * Turns a live record into a tombstone. Its memberships and type stay, so that selective
   * harvesters of its sets learn of the deletion.
   *
   * @return false when there is no live record with this id
   */
  public boolean delete(String id) {
    flush();
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE records SET deleted = 1, datestamp = ? WHERE id = ? AND deleted = 0")) {
      ps.setLong(1, PENDING);
      ps.setString(2, id);
      if (ps.executeUpdate() == 0) {
        return false;
      }
      logChange("record", id, "delete");
      deleted++;
      return true;
    } catch (SQLException e) {
      throw fail("cannot delete record " + id, e);
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
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT COALESCE(MAX(datestamp), 0) FROM records")) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          now = Math.max(now, rs.getLong(1));
        }
      }
      update("UPDATE records SET datestamp = ? WHERE datestamp = ?", now, PENDING);
      update("UPDATE collections SET datestamp = ? WHERE datestamp = ?", now, PENDING);
      update("UPDATE changes SET datestamp = ? WHERE seq > ?", now, startSeq);
      connection.commit();
      done = true;
      return Instant.ofEpochSecond(now);
    } catch (SQLException e) {
      throw fail("cannot commit to the catalog", e);
    } finally {
      closeConnection();
    }
  }

  public Counts counts() {
    return new Counts(inserted, updated, unchanged, deleted);
  }

  @Override
  public void close() {
    if (!done) {
      rollbackQuietly();
      done = true;
      closeConnection();
    }
  }

  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    try {
      Map<String, String[]> existing = existingState(bufferedIds);
      List<Record> changed = new ArrayList<>();
      List<String> bodies = new ArrayList<>();
      List<String> hashes = new ArrayList<>();
      for (Record r : buffer) {
        String body = RecordJson.write(RecordJson.toJson(r));
        String hash = RecordJson.sha256(body);
        String[] state = existing.get(r.id());
        if (state != null && state[0].equals(hash) && state[1].equals("0")) {
          unchanged++;
          continue;
        }
        if (state == null) {
          inserted++;
        } else {
          updated++;
        }
        changed.add(r);
        bodies.add(body);
        hashes.add(hash);
      }
      writeRecords(changed, bodies, hashes, existing);
    } catch (SQLException e) {
      throw fail("cannot write records", e);
    } finally {
      buffer.clear();
      bufferedIds.clear();
    }
  }

  private Map<String, String[]> existingState(Set<String> ids) throws SQLException {
    Map<String, String[]> state = new HashMap<>();
    List<String> list = List.copyOf(ids);
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id, content_hash, deleted FROM records WHERE id IN (" + Catalog.placeholders(list.size()) + ")")) {
      Catalog.bind(ps, list);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          state.put(rs.getString(1), new String[] {rs.getString(2), Integer.toString(rs.getInt(3))});
        }
      }
    }
    return state;
  }

  private void writeRecords(List<Record> changed, List<String> bodies, List<String> hashes,
      Map<String, String[]> existing) throws SQLException {
    if (changed.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = connection.prepareStatement(
            "INSERT INTO records (id, title, date_start, doc_type, type_key, body, content_hash, datestamp, deleted)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                + " date_start = excluded.date_start, doc_type = excluded.doc_type, type_key = excluded.type_key,"
                + " body = excluded.body, content_hash = excluded.content_hash, datestamp = excluded.datestamp, deleted = 0");
        PreparedStatement clearPages = connection.prepareStatement("DELETE FROM pages WHERE record_id = ?");
        PreparedStatement clearMemberships = connection.prepareStatement("DELETE FROM memberships WHERE record_id = ?");
        PreparedStatement page = connection.prepareStatement(
            "INSERT INTO pages (record_id, seq, image, width, height, label) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement membership = connection.prepareStatement(
            "INSERT INTO memberships (collection_id, record_id) VALUES (?, ?)");
        PreparedStatement change = connection.prepareStatement(
            "INSERT INTO changes (entity, entity_id, operation, datestamp) VALUES ('record', ?, 'upsert', ?)")) {
      boolean anyExisting = false;
      for (int i = 0; i < changed.size(); i++) {
        Record r = changed.get(i);
        upsert.setString(1, r.id());
        upsert.setString(2, r.title());
        upsert.setString(3, r.date() == null ? null : r.date().start().toString());
        upsert.setString(4, r.type());
        upsert.setString(5, r.typeKey());
        upsert.setString(6, bodies.get(i));
        upsert.setString(7, hashes.get(i));
        upsert.setLong(8, PENDING);
        upsert.addBatch();
        if (existing.containsKey(r.id())) {
          anyExisting = true;
          clearPages.setString(1, r.id());
          clearPages.addBatch();
          clearMemberships.setString(1, r.id());
          clearMemberships.addBatch();
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
        change.setString(1, r.id());
        change.setLong(2, PENDING);
        change.addBatch();
      }
      upsert.executeBatch();
      if (anyExisting) {
        clearPages.executeBatch();
        clearMemberships.executeBatch();
      }
      page.executeBatch();
      membership.executeBatch();
      change.executeBatch();
    }
  }

  private void logChange(String entity, String id, String operation) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO changes (entity, entity_id, operation, datestamp) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, entity);
      ps.setString(2, id);
      ps.setString(3, operation);
      ps.setLong(4, PENDING);
      ps.executeUpdate();
    }
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

  private void closeConnection() {
    try {
      connection.setAutoCommit(true);
      connection.close();
    } catch (SQLException ignored) {
      // closing a broken connection: the pool replaces it
    }
  }
}
