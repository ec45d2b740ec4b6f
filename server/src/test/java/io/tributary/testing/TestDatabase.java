package io.tributary.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A database for one test class: an H2 file in a temp folder, or a fresh schema on the local
 * PostgreSQL. PostgreSQL tests skip with a message where the server is absent, and fail in CI.
 */
public record TestDatabase(String url, String user, String password, String schema) {
  public static final String PG_URL =
      System.getenv()
          .getOrDefault("TRIBUTARY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String PG_USER =
      System.getenv().getOrDefault("TRIBUTARY_TEST_PG_USER", "postgres");

  public static TestDatabase h2(Path dir) {
    return new TestDatabase(null, null, null, null);
  }

  /** A new empty schema on the local PostgreSQL; call {@link #drop()} when done. */
  public static TestDatabase postgres() {
    requirePostgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return new TestDatabase(PG_URL, PG_USER, "", schema);
  }

  public boolean isPostgres() {
    return url != null;
  }

  public void drop() {
    if (!isPostgres()) return;
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test schema " + schema, e);
    }
  }

  public static final String MARIADB_URL =
      System.getenv()
          .getOrDefault("TRIBUTARY_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");

  /** Skips (or fails in CI) when the local MariaDB is not reachable as root. */
  public static void requireMariaDb() {
    try (Connection c = DriverManager.getConnection(MARIADB_URL, "root", "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String message = "MariaDB is not reachable at " + MARIADB_URL + " as root: " + e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("CI")))
        fail(message + " (CI=true: tests that need it fail instead of skipping)");
      Assumptions.abort(message + " — skipping");
    }
  }

  public static void requirePostgres() {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String message =
          "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + ": " + e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("CI")))
        fail(message + " (CI=true: tests that need it fail instead of skipping)");
      Assumptions.abort(message + " — skipping");
    }
  }
}
