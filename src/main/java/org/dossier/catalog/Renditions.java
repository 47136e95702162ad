package org.dossier.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Records rendered ahead of the requests that send them, kept in the catalog's own database beside
 * the records they render (table {@code renditions}), with the state of the projection that fills
 * them (table {@code projection_state}). What a rendition is made of is its renderer's business;
 * the catalog only keys it by record and format and hands it out while it still describes the
 * record: rendered from the record's current content hash and datestamp, in the renderer's current
 * generation. Reads that find no such rendition get the record instead, to render themselves.
 */
public final class Renditions {
  private final Catalog catalog;

  Renditions(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * A projection's progress: the last change applied, the generation its rows are written in (one
   * more at each restart) and the fingerprint of what it was made with.
   */
  public record State(long appliedSeq, long generation, String fingerprint) {}

  /** A record as rendered, with the content hash its rendition is keyed by. */
  public record Source(Record record, String contentHash) {}

  /**
   * One record rendered in one format: its bytes, and the same bytes deflated on their own, so that
   * a compressed response can copy them too.
   */
  public record Rendition(
      String recordId,
      String format,
      String contentHash,
      Instant datestamp,
      byte[] xml,
      byte[] deflated) {}

  /**
   * A record of a listing: its current rendition when one is stored ({@code xml}, and {@code
   * deflated} when asked for), otherwise the record itself ({@code record}), to be rendered by the
   * reader.
   */
  public record Listed(String id, Instant datestamp, byte[] xml, byte[] deflated, Record record) {}

  /** The state of the named projection; a new projection starts at change 0 in generation 1. */
  public State state(String name) {
    State[] found = {null};
    catalog.query(
        "SELECT applied_seq, generation, fingerprint FROM projection_state WHERE name = ?",
        List.of(name),
        rs -> found[0] = new State(rs.getLong(1), rs.getLong(2), rs.getString(3)));
    return found[0] != null ? found[0] : new State(0, 1, "");
  }

  /**
   * Starts the named projection anew: change 0, the next generation (so that every row written
   * before no longer counts) and the given fingerprint.
   */
  public State restart(String name, String fingerprint) {
    return restart(name, fingerprint, false);
  }

  /**
   * The named projection's state when it was made with this fingerprint, else the projection
   * started anew with it, in one transaction under the writers' lock: processes of a cluster that
   * start together with one fingerprint begin one generation between them, not one each (a process
   * left writing the generation another replaced would fail every write).
   */
  public State startWith(String name, String fingerprint) {
    return restart(name, fingerprint, true);
  }

  private State restart(String name, String fingerprint, boolean unlessSame) {
    try (Connection c = catalog.connection(false)) {
      try {
        lockWriters(c);
        long generation = 1;
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT applied_seq, generation, fingerprint FROM projection_state"
                    + " WHERE name = ?")) {
          ps.setString(1, name);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              if (unlessSame && fingerprint.equals(rs.getString(3))) {
                State same = new State(rs.getLong(1), rs.getLong(2), rs.getString(3));
                c.commit();
                return same;
              }
              generation = rs.getLong(2) + 1;
            }
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO projection_state (name, applied_seq, generation, fingerprint)"
                    + " VALUES (?, 0, ?, ?) ON CONFLICT (name) DO UPDATE SET applied_seq = 0,"
                    + " generation = excluded.generation, fingerprint = excluded.fingerprint")) {
          ps.setString(1, name);
          ps.setLong(2, generation);
          ps.setString(3, fingerprint);
          ps.executeUpdate();
        }
        c.commit();
        return new State(0, generation, fingerprint);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new CatalogException(
          "cannot restart the projection " + name + ": " + e.getMessage(), e);
    }
  }

  /** The records with these ids, tombstones included, with their content hashes. */
  public List<Source> sources(Collection<String> ids) {
    List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
    List<Source> found = new ArrayList<>(all.size());
    for (int start = 0; start < all.size(); start += 500) {
      List<String> chunk = all.subList(start, Math.min(all.size(), start + 500));
      catalog.query(
          "SELECT body, datestamp, deleted, content_hash FROM records WHERE id IN ("
              + Catalog.placeholders(chunk.size())
              + ")",
          chunk,
          rs -> found.add(new Source(Catalog.toRecord(rs), rs.getString(4))));
    }
    return found;
  }

  /**
   * An anti-join, not NOT IN: PostgreSQL hashes a NOT IN subquery only while it fits in work_mem,
   * and past that scans it once per member (a million changes: over ten minutes for one collection
   * of 100,000, against about a second).
   */
  static final String MEMBERS_UNCHANGED_SINCE =
      "SELECT m.record_id FROM memberships m LEFT JOIN"
          + " (SELECT DISTINCT c.entity_id FROM changes c WHERE c.seq > ? AND c.entity = 'record')"
          + " later ON later.entity_id = m.record_id"
          + " WHERE m.collection_id = ? AND later.entity_id IS NULL";

  /**
   * The ids of the records that belong to a collection and have no change logged after {@code seq}:
   * those whose renditions a change of the collection at {@code seq} leaves to render again. Each
   * other member is rendered when its own later change is applied.
   */
  public Set<String> membersUnchangedSince(String collectionId, long seq) {
    Set<String> ids = new HashSet<>();
    catalog.query(
        MEMBERS_UNCHANGED_SINCE, List.of(seq, collectionId), rs -> ids.add(rs.getString(1)));
    return ids;
  }

  /**
   * Stores renditions and moves the projection to {@code appliedSeq}, in one transaction, unless a
   * restart gave it another generation meanwhile.
   *
   * <p>A rendition of a member of a collection that changed after {@code readSeq} (the last change
   * logged before the batch was read) is left out: it may carry the collection's old title, and the
   * writer of that change, which deleted the members' renditions, could not see this batch's. A
   * later batch renders it again. The check runs under the writers' lock, so no collection change
   * can commit between it and this commit.
   */
  public void write(
      String name, long generation, List<Rendition> given, long appliedSeq, long readSeq) {
    List<Rendition> renditions = new ArrayList<>(given);
    renditions.sort(STORED_ORDER);
    int from = 0;
    do {
      int to = Math.min(renditions.size(), from + WRITE_CHUNK);
      writeChunk(
          name,
          generation,
          renditions.subList(from, to),
          to == renditions.size() ? appliedSeq : NOT_YET,
          readSeq);
      from = to;
    } while (from < renditions.size());
  }

  /**
   * The order a batch is written in: format by format, each in list order. A list page reads one
   * format, a hundred records in (datestamp, id) order; written so, their rows lie together on a
   * few pages of the table rather than each on a page of its own among the other formats' rows of
   * its record, which made PostgreSQL read four times the pages (and a fifth more CPU) for a page
   * of a harvest.
   */
  static final Comparator<Rendition> STORED_ORDER =
      Comparator.comparing(Rendition::format)
          .thenComparing(Rendition::datestamp)
          .thenComparing(Rendition::recordId);

  /**
   * Renditions written in one transaction. The catalog's writers wait while it holds the write
   * lock, so a batch is written in transactions of this many (a few milliseconds each), and only
   * the last moves the projection: one written earlier is already right, since a rendition is used
   * only when it matches its record's hash and datestamp, and is written again if the batch is not
   * finished.
   */
  static final int WRITE_CHUNK = 256;

  private static final long NOT_YET = -1;

  private void writeChunk(
      String name, long generation, List<Rendition> renditions, long appliedSeq, long readSeq) {
    try (Connection c = catalog.connection(false)) {
      try {
        lockWriters(c);
        Set<String> changedCollections = new HashSet<>();
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT entity_id FROM changes WHERE seq > ? AND entity = 'collection'")) {
          ps.setLong(1, readSeq);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              changedCollections.add(rs.getString(1));
            }
          }
        }
        Set<String> skip = changedCollections.isEmpty() ? Set.of() : members(c, changedCollections);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO renditions"
                    + " (record_id, format, content_hash, datestamp, generation, xml, deflated)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_id, format) DO UPDATE SET"
                    + " content_hash = excluded.content_hash, datestamp = excluded.datestamp,"
                    + " generation = excluded.generation, xml = excluded.xml,"
                    + " deflated = excluded.deflated")) {
          int batched = 0;
          for (Rendition r : renditions) {
            if (skip.contains(r.recordId())) {
              continue;
            }
            ps.setString(1, r.recordId());
            ps.setString(2, r.format());
            ps.setString(3, r.contentHash());
            ps.setLong(4, r.datestamp().getEpochSecond());
            ps.setLong(5, generation);
            ps.setBytes(6, r.xml());
            ps.setBytes(7, r.deflated());
            ps.addBatch();
            if (++batched % 500 == 0) {
              ps.executeBatch();
            }
          }
          ps.executeBatch();
        }
        // The projection is still this generation (checked inside the write transaction, so no
        // restart can come between), and its progress moves with the renditions when it is given.
        int moved;
        try (PreparedStatement ps =
            c.prepareStatement(
                appliedSeq == NOT_YET
                    ? "SELECT 1 FROM projection_state WHERE name = ? AND generation = ?"
                    : "UPDATE projection_state SET applied_seq = ?"
                        + " WHERE name = ? AND generation = ?")) {
          int i = 1;
          if (appliedSeq != NOT_YET) {
            ps.setLong(i++, appliedSeq);
          }
          ps.setString(i++, name);
          ps.setLong(i, generation);
          if (appliedSeq == NOT_YET) {
            try (ResultSet rs = ps.executeQuery()) {
              moved = rs.next() ? 1 : 0;
            }
          } else {
            moved = ps.executeUpdate();
          }
        }
        if (moved != 1) {
          throw new CatalogException(
              "the projection " + name + " was restarted by another process; not written");
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new CatalogException("cannot write renditions: " + e.getMessage(), e);
    }
  }

  private static Set<String> members(Connection c, Set<String> collectionIds) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT record_id FROM memberships WHERE collection_id = ?")) {
      for (String id : collectionIds) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
    }
    return ids;
  }

  /**
   * Serialises this transaction with the catalog's writers: SQLite's write lock is taken when the
   * transaction begins; PostgreSQL takes the lock every {@link CatalogWriter} takes.
   */
  private void lockWriters(Connection c) throws SQLException {
    if (catalog.dialect() == Catalog.Dialect.POSTGRESQL) {
      try (Statement s = c.createStatement()) {
        s.execute("LOCK TABLE changes IN EXCLUSIVE MODE");
      }
    }
  }

  /**
   * One page of a selection in (datestamp, id) order after a position, as {@link Catalog#list}
   * reads it, each record with its current rendition in a format when one is stored.
   *
   * @param deflated whether to read the deflated renditions too
   */
  public List<Listed> list(
      Selection selection,
      Position after,
      int limit,
      String format,
      long generation,
      boolean deflated) {
    // The page is chosen first and joined after: joined whole, PostgreSQL's planner merges the
    // records with every rendition of the format, sorted, to keep 101 of them.
    List<Object> args = new ArrayList<>();
    StringBuilder page =
        new StringBuilder(
            "SELECT r.id, r.body, r.datestamp, r.deleted, r.content_hash FROM records r");
    page.append(Catalog.where(selection, args));
    if (after != null) {
      page.append(" AND (r.datestamp, r.id) > (?, ?)");
      args.add(after.datestamp().getEpochSecond());
      args.add(after.id());
    }
    page.append(" ORDER BY r.datestamp, r.id LIMIT ?");
    args.add(limit);
    args.add(format);
    args.add(generation);
    String sql = select(deflated, "(" + page + ") r") + " ORDER BY r.datestamp, r.id";
    List<Listed> found = new ArrayList<>(Math.min(limit, 1000));
    catalog.query(sql, args, rs -> found.add(listed(rs)));
    return found;
  }

  /** The record with this id, tombstones included, with its current rendition in a format. */
  public Optional<Listed> get(String id, String format, long generation, boolean deflated) {
    List<Listed> found = new ArrayList<>(1);
    catalog.query(
        select(deflated, "records r") + " WHERE r.id = ?",
        List.of(format, generation, id),
        rs -> found.add(listed(rs)));
    return found.stream().findFirst();
  }

  /** The columns {@link #listed} reads, from {@code records} (a table or page as r) joined. */
  private static String select(boolean deflated, String records) {
    return "SELECT CASE WHEN x.xml IS NULL THEN r.body END, r.datestamp, r.deleted, r.id, x.xml, "
        + (deflated ? "x.deflated" : "NULL")
        + " FROM "
        + records
        + " LEFT JOIN renditions x ON x.record_id = r.id AND x.format = ?"
        + " AND x.generation = ? AND x.content_hash = r.content_hash"
        + " AND x.datestamp = r.datestamp";
  }

  private static Listed listed(ResultSet rs) throws SQLException {
    byte[] xml = rs.getBytes(5);
    Instant datestamp = Instant.ofEpochSecond(rs.getLong(2));
    return xml != null
        ? new Listed(rs.getString(4), datestamp, xml, rs.getBytes(6), null)
        : new Listed(rs.getString(4), datestamp, null, null, Catalog.toRecord(rs));
  }
}
