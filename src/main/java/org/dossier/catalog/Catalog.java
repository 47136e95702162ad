package org.dossier.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The catalog: collections, records, their pages and memberships, their texts and page OCR, and the
 * change log, over JDBC. A SQLite file (WAL mode) by default, PostgreSQL when the URL says so; the
 * same SQL runs on both. Reads are plain methods; every write goes through a {@link CatalogWriter},
 * one transaction each.
 */
public final class Catalog implements AutoCloseable {

  /** The database behind the catalog; the few places where SQL differs ask this. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  /**
   * How long a caller waits for a connection when nobody says otherwise (catalog.connect-timeout-
   * millis has the same default).
   */
  public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 2_000;

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final String description;
  private final Clock clock;
  private final Renditions renditions = new Renditions(this);
  private final ApiTokens apiTokens = new ApiTokens(this);
  private final Users users = new Users(this);

  private Catalog(HikariDataSource pool, Dialect dialect, String description, Clock clock) {
    this.pool = pool;
    this.dialect = dialect;
    this.description = description;
    this.clock = clock;
    this.kept = dialect == Dialect.SQLITE ? new KeptStatements() : null;
  }

  /**
   * SQLite's prepared statements, kept with their connections (PostgreSQL's driver keeps its own
   * server-side statements); null on PostgreSQL.
   */
  private final KeptStatements kept;

  /** The default embedded catalog: {@code catalog.db} in the data directory. */
  public static Catalog openSqlite(Path dataDir, int poolSize) {
    return open("jdbc:sqlite:" + dataDir.resolve("catalog.db"), "", "", poolSize);
  }

  /**
   * Opens (creating and migrating where needed) the catalog at a JDBC URL.
   *
   * @throws CatalogException when the database cannot be reached or its file cannot be written
   */
  public static Catalog open(String url, String user, String password, int poolSize) {
    return open(url, user, password, poolSize, Clock.systemUTC());
  }

  /**
   * As {@link #open(String, String, String, int)}, with the clock that datestamps are read from.
   */
  public static Catalog open(String url, String user, String password, int poolSize, Clock clock) {
    return open(url, user, password, poolSize, clock, DEFAULT_CONNECT_TIMEOUT_MILLIS, 30_000);
  }

  /**
   * As {@link #open(String, String, String, int)}, with how long (milliseconds, at least 250) a
   * caller waits for a connection before the catalog is reported {@link CatalogUnavailableException
   * unavailable}: while the database is down, that is how long a request takes to fail.
   */
  public static Catalog open(
      String url, String user, String password, int poolSize, long connectTimeoutMillis) {
    return open(url, user, password, poolSize, Clock.systemUTC(), connectTimeoutMillis, 30_000);
  }

  /**
   * As {@link #open(String, String, String, int, Clock)}, with how long a SQLite connection waits
   * for another writer's lock before it gives up with SQLITE_BUSY (tests make it short).
   */
  static Catalog open(
      String url, String user, String password, int poolSize, Clock clock, int sqliteBusyMillis) {
    return open(
        url, user, password, poolSize, clock, DEFAULT_CONNECT_TIMEOUT_MILLIS, sqliteBusyMillis);
  }

  /**
   * Pages the SQLite write-ahead log may hold before a commit copies them into the database (about
   * 40 MB; SQLite's default is 1,000). The commit that passes the mark does the copy and its fsyncs
   * before it returns, so at the default every hundredth or so API write paid for one, and a page
   * written again and again (an index's, the change log's last) was copied each time. At 10,000 a
   * stream of single PUTs beside the projections ran at 640-790 records/s against 360-430.
   */
  static final int WAL_CHECKPOINT_PAGES = 10_000;

  static final int JOURNAL_SIZE_LIMIT_BYTES = 64 << 20;

  private static Catalog open(
      String url,
      String user,
      String password,
      int poolSize,
      Clock clock,
      long connectTimeoutMillis,
      int sqliteBusyMillis) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("catalog");
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    // Hikari's own default (30 s) would hold every request that long while the database is down.
    config.setConnectionTimeout(Math.max(250, connectTimeoutMillis));
    config.setInitializationFailTimeout(1);
    Dialect dialect;
    if (url.startsWith("jdbc:sqlite:")) {
      dialect = Dialect.SQLITE;
      Path file = Path.of(url.substring("jdbc:sqlite:".length()));
      Path dir = file.toAbsolutePath().getParent();
      try {
        Files.createDirectories(dir);
      } catch (Exception e) {
        throw new CatalogException("cannot create the data directory " + dir + ": " + e);
      }
      if (!Files.isWritable(dir)) {
        throw new CatalogException("the data directory " + dir + " is not writable");
      }
      // (After the directory is made: a new data directory gets the copy too.)
      EmptyCatalog.copyIfNew(url);
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      sqlite.setBusyTimeout(sqliteBusyMillis);
      sqlite.enforceForeignKeys(true);
      // Writers take the write lock when their transaction begins, so two writers queue
      // instead of failing half-way with SQLITE_BUSY on lock upgrade.
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      // A log left larger by a burst (readers can hold a checkpoint back) shrinks at its next
      // reset instead of keeping its largest size on disk.
      sqlite.setJournalSizeLimit(JOURNAL_SIZE_LIMIT_BYTES);
      config.setConnectionInitSql("PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
      SQLiteDataSource source = new SQLiteDataSource(sqlite);
      source.setUrl(url);
      config.setDataSource(source);
    } else if (url.startsWith("jdbc:postgresql:")) {
      dialect = Dialect.POSTGRESQL;
      config.setJdbcUrl(url);
      // Sends a batch of INSERTs as multi-row statements: fewer round trips on import.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      if (!user.isEmpty()) {
        config.setUsername(user);
      }
      if (!password.isEmpty()) {
        config.setPassword(password);
      }
    } else {
      throw new CatalogException(
          "unsupported catalog URL '"
              + url
              + "': use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new CatalogException(
          "cannot open the catalog at " + redact(url) + ": " + rootMessage(e), e);
    }
    try {
      migrate(pool, dialect);
    } catch (RuntimeException e) {
      pool.close();
      throw new CatalogException(
          "cannot prepare the catalog schema at " + redact(url) + ": " + rootMessage(e), e);
    }
    return new Catalog(pool, dialect, redact(url), clock);
  }

  private static void migrate(DataSource source, Dialect dialect) {
    String folder = "db/migration/" + dialect.name().toLowerCase(java.util.Locale.ROOT);
    if (Migrations.allApplied(source, folder)) {
      // Nothing to do: Flyway (and the classes it loads) would cost start-up about half a second
      // to find that out.
      return;
    }
    Flyway.configure()
        .dataSource(source)
        .locations("classpath:" + folder)
        .loggers("slf4j")
        .load()
        .migrate();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Where the catalog lives, with any password removed. */
  public String description() {
    return description;
  }

  /** Starts a write transaction. Close it without {@link CatalogWriter#commit()} to roll back. */
  /** The records rendered ahead of requests, kept beside the records. */
  public Renditions renditions() {
    return renditions;
  }

  /** The admin API's tokens and audit log, kept beside the records. */
  public ApiTokens apiTokens() {
    return apiTokens;
  }

  /** The users of the IIIF access service and their logins, kept beside the records. */
  public Users users() {
    return users;
  }

  public CatalogWriter writer() {
    CatalogWriter w =
        new CatalogWriter(
            connection(false), c -> pool.evictConnection(KeptStatements.pooled(c)), dialect, clock);
    ReadReplica r = replica;
    if (r != null) {
      w.afterCommit = r::wrote;
    }
    return w;
  }

  private volatile ReadReplica replica;

  /**
   * Sends the reads that a thread {@link ReadReplica#allow allows} to a PostgreSQL streaming
   * replica (catalog.read-url) while it is current enough; the primary answers every other query.
   */
  public void attachReplica(String url, String user, String password, int poolSize) {
    if (dialect != Dialect.POSTGRESQL) {
      throw new CatalogException("catalog.read-url needs a PostgreSQL catalog (catalog.url)");
    }
    replica = ReadReplica.open(url, user, password, poolSize, pool);
  }

  /** The read replica, or null when there is none. */
  public ReadReplica replica() {
    return replica;
  }

  // ---- reads ----

  /**
   * The published record with this id, tombstones included; a hidden record is not there (every
   * public reader answers 404 for it, and the projections drop it).
   */
  public Optional<Record> record(String id) {
    List<Record> found = records(List.of(id));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * The record with this id as stored, hidden ones included and not marked deleted (for the admin
   * API, which reads and writes every level); tombstones are marked deleted.
   */
  public Optional<Record> storedRecord(String id) {
    List<Record> found = new ArrayList<>(1);
    query(
        "SELECT body, datestamp, deleted FROM records WHERE id = ?",
        List.of(id),
        rs -> {
          Record r = RecordJson.record(RecordJson.read(rs.getString(1)));
          found.add(r.withState(Instant.ofEpochSecond(rs.getLong(2)), rs.getInt(3) == 1));
        });
    return found.stream().findFirst();
  }

  /**
   * The content hash of a live record, published or hidden (what its datestamp moves with), or
   * empty for a tombstone or an unknown id.
   */
  public Optional<String> liveRecordHash(String id) {
    List<String> found = new ArrayList<>(1);
    query(
        "SELECT content_hash FROM records WHERE id = ? AND deleted <> 1",
        List.of(id),
        rs -> found.add(rs.getString(1)));
    return found.stream().findFirst();
  }

  /** The content hash of a collection, or empty for an unknown id. */
  public Optional<String> collectionHash(String id) {
    List<String> found = new ArrayList<>(1);
    query(
        "SELECT content_hash FROM collections WHERE id = ?",
        List.of(id),
        rs -> found.add(rs.getString(1)));
    return found.stream().findFirst();
  }

  /**
   * The published records with these ids (tombstones included), in the order given, unknown and
   * hidden ids skipped.
   */
  public List<Record> records(Collection<String> ids) {
    Map<String, Record> byId = new LinkedHashMap<>();
    ids.forEach(id -> byId.put(id, null));
    List<String> all = List.copyOf(byId.keySet());
    for (int start = 0; start < all.size(); start += 500) {
      List<String> chunk = all.subList(start, Math.min(all.size(), start + 500));
      String sql =
          "SELECT body, datestamp, deleted FROM records WHERE deleted <> 2 AND id IN ("
              + placeholders(chunk.size())
              + ")";
      query(
          sql,
          chunk,
          rs -> {
            Record r = toRecord(rs);
            byId.put(r.id(), r);
          });
    }
    return byId.values().stream().filter(java.util.Objects::nonNull).toList();
  }

  /** The texts of a record in the order it lists them; empty for a tombstone or an unknown id. */
  public List<RecordText> texts(String recordId) {
    return texts(List.of(recordId)).getOrDefault(recordId, List.of());
  }

  /**
   * The texts of several records, for indexers: every id given is a key, in the order given, with
   * an empty list when the record has no texts (or does not exist).
   */
  public Map<String, List<RecordText>> texts(Collection<String> ids) {
    Map<String, List<RecordText>> byId = new LinkedHashMap<>();
    ids.forEach(id -> byId.put(id, new ArrayList<>()));
    List<String> all = List.copyOf(byId.keySet());
    for (int start = 0; start < all.size(); start += 500) {
      List<String> chunk = all.subList(start, Math.min(all.size(), start + 500));
      query(
          "SELECT record_id, kind, language, body FROM record_texts WHERE record_id IN ("
              + placeholders(chunk.size())
              + ") ORDER BY record_id, seq",
          chunk,
          rs ->
              byId.get(rs.getString(1))
                  .add(new RecordText(rs.getString(2), rs.getString(3), rs.getString(4))));
    }
    byId.replaceAll((id, list) -> List.copyOf(list));
    return byId;
  }

  /** The OCR of one page (numbered from 1), if the catalog holds OCR for it. */
  public Optional<PageOcr> pageOcr(String recordId, int page) {
    List<PageOcr> found = new ArrayList<>(1);
    query(
        "SELECT page, format, source, lines FROM page_ocr WHERE record_id = ? AND page = ?",
        List.of(recordId, page),
        rs -> found.add(toPageOcr(rs, 1)));
    return found.stream().findFirst();
  }

  /** The OCR of a record's pages, in page order; pages without OCR are left out. */
  public List<PageOcr> pageOcrs(String recordId) {
    return pageOcrs(List.of(recordId)).getOrDefault(recordId, List.of());
  }

  /**
   * The OCR of several records' pages, for indexers: every id given is a key, in the order given,
   * with the pages that have OCR in page order (an empty list when none has).
   */
  public Map<String, List<PageOcr>> pageOcrs(Collection<String> ids) {
    Map<String, List<PageOcr>> byId = new LinkedHashMap<>();
    ids.forEach(id -> byId.put(id, new ArrayList<>()));
    List<String> all = List.copyOf(byId.keySet());
    // Smaller chunks than for records: a page's OCR is a few kilobytes, a record may have hundreds.
    for (int start = 0; start < all.size(); start += 100) {
      List<String> chunk = all.subList(start, Math.min(all.size(), start + 100));
      query(
          "SELECT page, format, source, lines, record_id FROM page_ocr WHERE record_id IN ("
              + placeholders(chunk.size())
              + ") ORDER BY record_id, page",
          chunk,
          rs -> byId.get(rs.getString(5)).add(toPageOcr(rs, 1)));
    }
    byId.replaceAll((id, list) -> List.copyOf(list));
    return byId;
  }

  public Optional<ArchiveCollection> collection(String id) {
    List<ArchiveCollection> found = new ArrayList<>();
    query(
        "SELECT id, title, description, datestamp FROM collections WHERE id = ?",
        List.of(id),
        rs -> found.add(toCollection(rs)));
    return found.stream().findFirst();
  }

  /** Every collection, by id. */
  public List<ArchiveCollection> collections() {
    List<ArchiveCollection> found = new ArrayList<>();
    query(
        "SELECT id, title, description, datestamp FROM collections ORDER BY id",
        List.of(),
        rs -> found.add(toCollection(rs)));
    return found;
  }

  /**
   * Live (not deleted) records of a collection in document-date order (undated last), then by id.
   */
  public List<Record> collectionMembers(String collectionId, int offset, int limit) {
    List<Record> found = new ArrayList<>();
    query(
        "SELECT r.body, r.datestamp, r.deleted FROM memberships m JOIN records r ON r.id = m.record_id"
            + " WHERE m.collection_id = ? AND r.deleted = 0"
            + " ORDER BY CASE WHEN r.date_start IS NULL THEN 1 ELSE 0 END, r.date_start, r.id LIMIT ? OFFSET ?",
        List.of(collectionId, limit, offset),
        rs -> found.add(toRecord(rs)));
    return found;
  }

  public long countCollectionMembers(String collectionId) {
    return count(
        "SELECT COUNT(*) FROM memberships m JOIN records r ON r.id = m.record_id"
            + " WHERE m.collection_id = ? AND r.deleted = 0",
        List.of(collectionId));
  }

  /**
   * Live records with at least one page scan, in document-date order (undated last), then by id:
   * the members of the IIIF collection of all documents.
   */
  public List<Record> recordsWithScans(int offset, int limit) {
    List<Record> found = new ArrayList<>();
    query(
        "SELECT r.body, r.datestamp, r.deleted FROM records r"
            + " WHERE r.deleted = 0 AND EXISTS (SELECT 1 FROM pages p WHERE p.record_id = r.id)"
            + " ORDER BY CASE WHEN r.date_start IS NULL THEN 1 ELSE 0 END, r.date_start, r.id LIMIT ? OFFSET ?",
        List.of(limit, offset),
        rs -> found.add(toRecord(rs)));
    return found;
  }

  public long countRecordsWithScans() {
    return count(
        "SELECT COUNT(*) FROM records r"
            + " WHERE r.deleted = 0 AND EXISTS (SELECT 1 FROM pages p WHERE p.record_id = r.id)",
        List.of());
  }

  /**
   * Ids of live records with a page whose image path starts with the prefix (an image-store
   * folder).
   */
  public List<String> recordIdsWithImagesUnder(String prefix) {
    List<String> ids = new ArrayList<>();
    query(
        "SELECT DISTINCT p.record_id FROM pages p JOIN records r ON r.id = p.record_id"
            + " WHERE substr(p.image, 1, ?) = ? AND r.deleted = 0 ORDER BY p.record_id",
        List.of(prefix.length(), prefix),
        rs -> ids.add(rs.getString(1)));
    return ids;
  }

  /**
   * Document types in use (tombstones included, as OAI sets must keep answering), type key to
   * label.
   */
  public Map<String, String> types() {
    Map<String, String> types = new java.util.TreeMap<>();
    query(
        "SELECT type_key, MIN(doc_type) FROM records WHERE type_key IS NOT NULL GROUP BY type_key",
        List.of(),
        rs -> types.put(rs.getString(1), rs.getString(2)));
    return types;
  }

  /**
   * One page of records in (datestamp, id) order after a position: keyset paging, so the cost of a
   * page does not grow with its depth. Tombstones are included.
   */
  public List<Record> list(Selection selection, Position after, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT r.body, r.datestamp, r.deleted FROM records r");
    sql.append(where(selection, args));
    if (after != null) {
      // A row-value comparison: both SQLite and PostgreSQL walk the (datestamp, id) index from the
      // position, where the equivalent OR form makes SQLite gather and sort everything after it.
      sql.append(" AND (r.datestamp, r.id) > (?, ?)");
      args.add(after.datestamp().getEpochSecond());
      args.add(after.id());
    }
    sql.append(" ORDER BY r.datestamp, r.id LIMIT ?");
    args.add(limit);
    List<Record> found = new ArrayList<>(Math.min(limit, 1000));
    query(sql.toString(), args, rs -> found.add(toRecord(rs)));
    return found;
  }

  /** How many records a selection holds, tombstones included. */
  public long count(Selection selection) {
    List<Object> args = new ArrayList<>();
    return count("SELECT COUNT(*) FROM records r" + where(selection, args), args);
  }

  static String where(Selection s, List<Object> args) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (s.from() != null) {
      sql.append(" AND r.datestamp >= ?");
      args.add(s.from().getEpochSecond());
    }
    if (s.until() != null) {
      sql.append(" AND r.datestamp <= ?");
      args.add(s.until().getEpochSecond());
    }
    Selection.Scope scope = s.scope();
    if (scope instanceof Selection.AnyCollection) {
      sql.append(" AND EXISTS (SELECT 1 FROM memberships m WHERE m.record_id = r.id)");
    } else if (scope instanceof Selection.InCollection in) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM memberships m WHERE m.record_id = r.id AND m.collection_id = ?)");
      args.add(in.collectionId());
    } else if (scope instanceof Selection.AnyType) {
      sql.append(" AND r.type_key IS NOT NULL");
    } else if (scope instanceof Selection.OfType of) {
      sql.append(" AND r.type_key = ?");
      args.add(of.typeKey());
    }
    return sql.toString();
  }

  /** The smallest datestamp of any record, or empty for an empty catalog. */
  public Optional<Instant> earliestDatestamp() {
    long[] min = {Long.MIN_VALUE};
    query(
        "SELECT MIN(datestamp) FROM records",
        List.of(),
        rs -> {
          long v = rs.getLong(1);
          if (!rs.wasNull()) {
            min[0] = v;
          }
        });
    return min[0] == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(min[0]));
  }

  /** Number of live records (tombstones not counted). */
  public long recordCount() {
    return count("SELECT COUNT(*) FROM records WHERE deleted = 0", List.of());
  }

  /** True when nothing was ever imported: no record, tombstone or collection. */
  public boolean isEmpty() {
    return count("SELECT COUNT(*) FROM changes", List.of()) == 0;
  }

  /** Change-log entries after a sequence number, oldest first. */
  public List<Change> changesSince(long seq, int limit) {
    List<Change> found = new ArrayList<>();
    query(
        "SELECT seq, entity, entity_id, operation, datestamp FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
        List.of(seq, limit),
        rs ->
            found.add(
                new Change(
                    rs.getLong(1),
                    Change.Entity.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
                    rs.getString(3),
                    Change.Operation.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
                    Instant.ofEpochSecond(rs.getLong(5)))));
    return found;
  }

  /** How many entries the stream of all changes holds: the position of its last. */
  public long streamSize() {
    return count("SELECT COALESCE(MAX(pos), 0) FROM changes", List.of());
  }

  /**
   * The entries of the stream of all changes after a position, oldest first: keyset on the
   * position, so a page deep in a long log costs what the last one does.
   */
  public List<StreamEntry> stream(long afterPosition, int limit) {
    List<StreamEntry> found = new ArrayList<>(Math.min(limit, 1000));
    query(
        "SELECT pos, entity, entity_id, operation, created, datestamp, 0 FROM changes"
            + " WHERE pos > ? ORDER BY pos LIMIT ?",
        List.of(afterPosition, limit),
        rs -> found.add(toStreamEntry(rs)));
    return found;
  }

  /** How many entries a collection's stream holds (0 for an unknown collection). */
  public long collectionStreamSize(String collectionId) {
    return count(
        "SELECT COALESCE(MAX(pos), 0) FROM collection_changes WHERE collection_id = ?",
        List.of(collectionId));
  }

  /**
   * The entries of one collection's stream after a position, oldest first (keyset, as {@link
   * #stream}): the collection's own changes, those of the records in it, refresh markers, and the
   * changes by which records left it.
   */
  public List<StreamEntry> collectionStream(String collectionId, long afterPosition, int limit) {
    List<StreamEntry> found = new ArrayList<>(Math.min(limit, 1000));
    query(
        "SELECT cc.pos, c.entity, c.entity_id, c.operation, c.created, c.datestamp, cc.removed"
            + " FROM collection_changes cc JOIN changes c ON c.pos = cc.change_pos"
            + " WHERE cc.collection_id = ? AND cc.pos > ? ORDER BY cc.pos LIMIT ?",
        List.of(collectionId, afterPosition, limit),
        rs -> found.add(toStreamEntry(rs)));
    return found;
  }

  private static StreamEntry toStreamEntry(ResultSet rs) throws SQLException {
    Change.Entity entity =
        Change.Entity.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT));
    String operation = rs.getString(4);
    StreamEntry.Kind kind;
    if (rs.getInt(7) != 0) {
      kind = StreamEntry.Kind.LEFT;
    } else if (operation.equals("refresh")) {
      kind = StreamEntry.Kind.REFRESH;
    } else if (operation.equals("delete")) {
      kind = StreamEntry.Kind.DELETED;
    } else {
      kind = rs.getInt(5) != 0 ? StreamEntry.Kind.CREATED : StreamEntry.Kind.UPDATED;
    }
    return new StreamEntry(
        rs.getLong(1), entity, rs.getString(3), kind, Instant.ofEpochSecond(rs.getLong(6)));
  }

  /** The newest change-log sequence number, 0 for an empty log. */
  public long lastChangeSeq() {
    return count("SELECT COALESCE(MAX(seq), 0) FROM changes", List.of());
  }

  /** Checks that the database answers; used by the readiness probe. */
  public boolean ping() {
    try (Connection c = connection(true)) {
      return c.isValid(2);
    } catch (SQLException | CatalogException e) {
      return false;
    }
  }

  @Override
  public void close() {
    ReadReplica r = replica;
    if (r != null) {
      r.close();
    }
    pool.close();
  }

  // ---- plumbing ----

  interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  void query(String sql, List<?> args, RowHandler handler) {
    try (Connection c = readConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handler.row(rs);
        }
      }
    } catch (SQLException e) {
      throw failure("catalog query failed", e);
    }
  }

  private long count(String sql, List<?> args) {
    long[] n = {0};
    query(sql, args, rs -> n[0] = rs.getLong(1));
    return n[0];
  }

  static void bind(PreparedStatement ps, List<?> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }

  static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /**
   * A connection of its own, outside the pool, for a session that must outlive requests (the
   * cluster lease's advisory lock lives as long as its session). Reads time out after {@code
   * socketTimeoutSeconds}, so that a database that vanished is noticed.
   */
  Connection dedicatedConnection(int socketTimeoutSeconds) throws SQLException {
    java.util.Properties p = new java.util.Properties();
    if (pool.getUsername() != null) {
      p.setProperty("user", pool.getUsername());
    }
    if (pool.getPassword() != null) {
      p.setProperty("password", pool.getPassword());
    }
    p.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
    p.setProperty("connectTimeout", Integer.toString(socketTimeoutSeconds));
    p.setProperty("ApplicationName", "dossier-cluster");
    return java.sql.DriverManager.getConnection(pool.getJdbcUrl(), p);
  }

  /**
   * A connection for a read-only query: the replica's when allowed and current, else the pool's.
   */
  private Connection readConnection() {
    ReadReplica r = replica;
    if (r != null) {
      Connection c = r.connectionForRead();
      if (c != null) {
        return c;
      }
    }
    return connection(true);
  }

  Connection connection(boolean autoCommit) {
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      // Hikari gives up after the connection timeout (SQLTransientConnectionException): the
      // database is down or unreachable, or every connection stayed busy that long; later is the
      // answer. A closed catalog is no outage.
      throw failure("no catalog connection", e);
    }
    try {
      c.setAutoCommit(autoCommit);
      return kept == null ? c : kept.wrap(c);
    } catch (SQLException e) {
      // SQLite begins its transaction here (BEGIN IMMEDIATE), which fails when another writer holds
      // the lock past the busy timeout; the driver then believes a transaction is open that is not.
      // A connection in a state nobody knows is closed for good, not lent out again.
      pool.evictConnection(c);
      throw failure("cannot start a catalog transaction", e);
    }
  }

  /**
   * The exception for a failed database operation: {@link CatalogUnavailableException} when the
   * database could not be talked to (the connection broke, the server is shutting down or starting,
   * a SQLite file is locked by another writer past the busy timeout), a plain {@link
   * CatalogException} otherwise.
   */
  static CatalogException failure(String what, SQLException e) {
    String message = what + ": " + e.getMessage();
    return isUnavailable(e)
        ? new CatalogUnavailableException(message, e)
        : new CatalogException(message, e);
  }

  private static boolean isUnavailable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof java.io.IOException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        // Class 08: connection exceptions. 57P01-57P03: the server is shutting down, crashed or
        // cannot take connections yet.
        if (state.startsWith("08") || state.startsWith("57P0")) {
          return true;
        }
      }
      if (t instanceof org.sqlite.SQLiteException s
          && (s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_BUSY
              || s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_LOCKED)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A record as the public sees it, from (body, datestamp, deleted): a hidden one (deleted = 2) is
   * a tombstone.
   */
  static Record toRecord(ResultSet rs) throws SQLException {
    Record r = RecordJson.record(RecordJson.read(rs.getString(1)));
    return r.withState(Instant.ofEpochSecond(rs.getLong(2)), rs.getInt(3) != 0);
  }

  private static PageOcr toPageOcr(ResultSet rs, int column) throws SQLException {
    return new PageOcr(
        rs.getInt(column),
        rs.getString(column + 1),
        rs.getString(column + 2),
        OcrCodec.decode(rs.getBytes(column + 3)));
  }

  private static ArchiveCollection toCollection(ResultSet rs) throws SQLException {
    return new ArchiveCollection(
        rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochSecond(rs.getLong(4)));
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }
}
