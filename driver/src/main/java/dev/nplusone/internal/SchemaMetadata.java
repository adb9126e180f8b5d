package dev.nplusone.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Foreign keys and indexes of the tables suggestions name, read through {@link DatabaseMetaData}
 * once per table per DataSource / driver configuration, on a raw connection the library opens for
 * itself and closes at once: outside the application's transaction, never recorded. The read runs
 * on a daemon thread and is awaited for at most {@value #WAIT_MILLIS} ms, so a pool exhausted by
 * the very transaction being analysed cannot hang it. Failures are contained: the table is then
 * unknown and the suggestion says so.
 */
final class SchemaMetadata {
  static final long WAIT_MILLIS = 3000;
  static final int MAX_TABLES = 512;

  private static final ExecutorService READER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "nplusone-metadata");
            t.setDaemon(true);
            return t;
          });

  /** A foreign key column: {@code table.column} references {@code refTable.refColumn}. */
  static final class ForeignKey {
    final String table;
    final String column;
    final String refTable;
    final String refColumn;

    ForeignKey(String table, String column, String refTable, String refColumn) {
      this.table = table;
      this.column = column;
      this.refTable = refTable;
      this.refColumn = refColumn;
    }
  }

  /** What is known of one table. */
  static final class Table {
    final boolean found;
    final List<ForeignKey> imported;
    final List<ForeignKey> exported;
    final Set<String> indexedFirstColumns;

    Table(boolean found, List<ForeignKey> imp, List<ForeignKey> exp, Set<String> indexed) {
      this.found = found;
      this.imported = List.copyOf(imp);
      this.exported = List.copyOf(exp);
      this.indexedFirstColumns = Set.copyOf(indexed);
    }

    boolean indexed(String column) {
      return indexedFirstColumns.contains(column.toLowerCase(Locale.ROOT));
    }
  }

  private final JdbcContext context;
  private final boolean enabled;
  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  private volatile String product;
  private volatile Future<Map<String, Table>> inFlight;
  private volatile long failedAt;

  /**
   * Set when the driver answered a metadata call with {@link SQLFeatureNotSupportedException}: it
   * will not answer later either, so metadata is not asked for again and suggestions say why.
   */
  private volatile String unsupported;

  /**
   * Counts the answers of {@link #tables} that were not complete from the cache (a read, a wait, a
   * failure) and so may differ next time: equal stamps before and after a computation mean it saw
   * only cached tables, and its answer may be remembered under that stamp.
   */
  private final java.util.concurrent.atomic.AtomicLong changes =
      new java.util.concurrent.atomic.AtomicLong();

  /** After a failed read, metadata is not asked for again for this long. */
  static final long RETRY_NANOS = 60_000_000_000L;

  /** Set on the metadata thread while it reads, so nothing it does is analysed again. */
  static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

  SchemaMetadata(JdbcContext context, boolean enabled) {
    this.context = context;
    this.enabled = enabled;
  }

  /** See {@link #changes}. */
  long stamp() {
    return changes.get();
  }

  /** The database product name, once metadata was read, else null. */
  String product() {
    return product;
  }

  /**
   * The tables named, from the cache or read now in one borrowed connection; a table whose metadata
   * could not be read is missing from the result. Never throws.
   */
  Map<String, Table> tables(Set<String> names, List<String> notes) {
    Map<String, Table> out = new java.util.HashMap<>();
    Set<String> missing = new HashSet<>();
    for (String n : names) {
      String key = n.toLowerCase(Locale.ROOT);
      Table t = tables.get(key);
      if (t != null) {
        out.put(key, t);
      } else {
        missing.add(key);
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    String why = unsupported;
    if (enabled && why != null) {
      notes.add("database metadata is not available from this driver (" + why + ")");
      return out;
    }
    if (enabled) {
      // Whatever follows reads, waits or fails: an answer that may change.
      changes.incrementAndGet();
    }
    JdbcContext.RawConnector connector = context.connector();
    if (!enabled || connector == null || Boolean.TRUE.equals(READING.get())) {
      notes.add(
          "database metadata (foreign keys, indexes) was not read"
              + (enabled ? ": no connection to read it on" : ": nplusone.suggest.metadata=false"));
      return out;
    }
    Future<Map<String, Table>> f = inFlight;
    if (f != null && !f.isDone()) {
      // A read is still waiting (for a connection, say): do not queue and wait behind it.
      notes.add("database metadata was unavailable: an earlier read has not finished");
      return out;
    }
    if (System.nanoTime() - failedAt < RETRY_NANOS && failedAt != 0) {
      notes.add("database metadata was unavailable (it failed less than a minute ago)");
      return out;
    }
    try {
      f = READER.submit(() -> read(connector, missing));
      inFlight = f;
    } catch (RuntimeException e) {
      Failures.log("starting a metadata read", e);
      notes.add("database metadata was unavailable");
      return out;
    }
    try {
      Map<String, Table> read = f.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
      out.putAll(read);
      if (tables.size() + read.size() > MAX_TABLES) {
        tables.clear();
      }
      tables.putAll(read);
      changes.incrementAndGet();
    } catch (TimeoutException e) {
      notes.add(
          "database metadata was unavailable: no connection within "
              + WAIT_MILLIS
              + " ms (is the pool exhausted?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      notes.add("database metadata was unavailable (interrupted)");
    } catch (java.util.concurrent.ExecutionException e) {
      failedAt = System.nanoTime() | 1;
      Failures.log("reading database metadata for a suggestion", e.getCause());
      notes.add("database metadata was unavailable (" + e.getCause() + ")");
    }
    return out;
  }

  private Map<String, Table> read(JdbcContext.RawConnector connector, Set<String> names)
      throws SQLException {
    READING.set(Boolean.TRUE);
    try (Connection c = connector.open()) {
      if (c == null) {
        throw new SQLException("no connection");
      }
      try {
        return read(c, names);
      } catch (java.sql.SQLFeatureNotSupportedException e) {
        unsupported = e.toString();
        throw e;
      }
    } finally {
      READING.remove();
    }
  }

  private Map<String, Table> read(Connection c, Set<String> names) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    product = md.getDatabaseProductName();
    String catalog = null;
    String schema = null;
    try {
      catalog = c.getCatalog();
      schema = c.getSchema();
    } catch (SQLException | RuntimeException | AbstractMethodError e) {
      // Search every schema.
    }
    if (product != null && product.toLowerCase(Locale.ROOT).contains("mariadb")
        || product != null && product.toLowerCase(Locale.ROOT).contains("mysql")) {
      schema = null;
    }
    Map<String, Table> out = new java.util.HashMap<>();
    for (String name : names) {
      out.put(name, table(md, catalog, schema, name));
    }
    return out;
  }

  private static Table table(DatabaseMetaData md, String catalog, String schema, String name)
      throws SQLException {
    String stored =
        md.storesUpperCaseIdentifiers()
            ? name.toUpperCase(Locale.ROOT)
            : md.storesLowerCaseIdentifiers() ? name.toLowerCase(Locale.ROOT) : name;
    List<ForeignKey> imp = new ArrayList<>();
    List<ForeignKey> exp = new ArrayList<>();
    Set<String> indexed = new HashSet<>();
    boolean found = false;
    try (ResultSet rs = md.getImportedKeys(catalog, schema, stored)) {
      while (rs.next()) {
        imp.add(key(rs));
      }
    }
    try (ResultSet rs = md.getExportedKeys(catalog, schema, stored)) {
      while (rs.next()) {
        exp.add(key(rs));
      }
    }
    try (ResultSet rs = md.getIndexInfo(catalog, schema, stored, false, true)) {
      while (rs.next()) {
        found = true;
        String column = rs.getString("COLUMN_NAME");
        if (rs.getShort("ORDINAL_POSITION") == 1 && column != null) {
          indexed.add(column.toLowerCase(Locale.ROOT));
        }
      }
    }
    try (ResultSet rs = md.getPrimaryKeys(catalog, schema, stored)) {
      while (rs.next()) {
        found = true;
        if (rs.getShort("KEY_SEQ") == 1) {
          indexed.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    if (!found) {
      try (ResultSet rs = md.getColumns(catalog, schema, stored, null)) {
        found = rs.next();
      }
    }
    return new Table(found, imp, exp, indexed);
  }

  private static ForeignKey key(ResultSet rs) throws SQLException {
    return new ForeignKey(
        lower(rs.getString("FKTABLE_NAME")),
        lower(rs.getString("FKCOLUMN_NAME")),
        lower(rs.getString("PKTABLE_NAME")),
        lower(rs.getString("PKCOLUMN_NAME")));
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
