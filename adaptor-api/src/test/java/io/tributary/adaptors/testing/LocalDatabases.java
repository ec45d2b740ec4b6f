package io.tributary.adaptors.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL and MariaDB that {@code *IT} tests use (shared with the adaptor modules
 * through this module's test jar). An absent server skips the test with a message, and fails it in
 * CI ({@code CI=true}).
 */
public final class LocalDatabases {
  public static final String PG_URL =
      System.getenv()
          .getOrDefault("TRIBUTARY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String PG_USER =
      System.getenv().getOrDefault("TRIBUTARY_TEST_PG_USER", "postgres");
  public static final String MARIADB_URL =
      System.getenv()
          .getOrDefault("TRIBUTARY_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");

  private LocalDatabases() {}

  /** Skips (or fails in CI) when the local MariaDB is not reachable as root. */
  public static void requireMariaDb() {
    require(MARIADB_URL, "root", "MariaDB");
  }

  /** Skips (or fails in CI) when the local PostgreSQL is not reachable. */
  public static void requirePostgres() {
    require(PG_URL, PG_USER, "PostgreSQL");
  }

  private static void require(String url, String user, String name) {
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String message = name + " is not reachable at " + url + " as " + user + ": " + e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("CI")))
        fail(message + " (CI=true: tests that need it fail instead of skipping)");
      Assumptions.abort(message + " — skipping");
    }
  }
}
