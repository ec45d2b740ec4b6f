package io.tributary.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** The connection pool, the schema migrations and the JDBI handle, for H2 or PostgreSQL. */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final StoreStatements statements;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(dataSource);
    this.statements = StoreStatements.install(jdbi);
  }

  /**
   * Opens and migrates the database. An {@code jdbc:h2:} URL is put in PostgreSQL mode so that one
   * set of migrations serves both; a {@code schema} other than null is created and used (tests use
   * one schema per test class on the shared PostgreSQL).
   */
  public static Database open(String url, String user, String password, String schema) {
    Dialect dialect = Dialect.of(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(dialect == Dialect.H2 ? h2Url(url) : url);
    if (user != null) config.setUsername(user);
    if (password != null) config.setPassword(password);
    if (schema != null) config.setSchema(schema);
    config.setMaximumPoolSize(dialect == Dialect.H2 ? 8 : 16);
    if (dialect != Dialect.H2) {
      // Every node of a cluster opens its own pool on one PostgreSQL, whose max_connections
      // (100 by default) they share: an idle node keeps 2, not all 16, and gives back the rest
      // after a minute without use.
      config.setMinimumIdle(2);
      config.setIdleTimeout(60_000);
    }
    config.setPoolName("tributary");
    HikariDataSource ds = new HikariDataSource(config);
    try {
      migrate(ds, schema);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, dialect);
  }

  /**
   * MVStore keeps the space of replaced pages for RETENTION_TIME before reusing it (default 45 s),
   * so under 1–5 MB document writes the file grew by the bytes written in the last 45 s: 4.27 GB in
   * a minute. 5 s (ext4's default journal commit interval) keeps it near the live data; the
   * EmbeddedStoreStressIT holds the file to a bound under that load.
   */
  static final String EMBEDDED_SETTINGS = ";RETENTION_TIME=5000";

  /** The embedded default: an H2 file database in the data directory. */
  public static String embeddedUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tributary") + EMBEDDED_SETTINGS;
  }

  private static String h2Url(String url) {
    String extra = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    return url.toUpperCase().contains("MODE=") ? url : url + extra;
  }

  private static void migrate(DataSource ds, String schema) {
    var fw = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
    if (schema != null) fw = fw.schemas(schema).createSchemas(true);
    fw.load().migrate();
  }

  /** Whether opening failed because another process holds the H2 file (H2 error 90020). */
  public static boolean inUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause())
      if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) return true;
    return false;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  /**
   * A connection of its own, outside the pool, on the pool's URL, user and schema: for a session
   * whose state must end with it (a cluster node's liveness lock), which a pooled connection given
   * back would keep.
   */
  public java.sql.Connection openSession() throws java.sql.SQLException {
    java.util.Properties props = new java.util.Properties();
    if (dataSource.getUsername() != null) props.setProperty("user", dataSource.getUsername());
    if (dataSource.getPassword() != null) props.setProperty("password", dataSource.getPassword());
    java.sql.Connection c = java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), props);
    if (dataSource.getSchema() != null) c.setSchema(dataSource.getSchema());
    return c;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Statements and commits made through {@link #jdbi()} since the store was opened. */
  public StoreStatements statements() {
    return statements;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
