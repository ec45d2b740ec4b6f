package io.tributary.adaptors.rdbms;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.RecordError;
import java.sql.SQLException;

/** SQLSTATE classes tell a refused login (28), a lost connection (08) and a bad row apart. */
final class SqlFailures {
  private SqlFailures() {}

  static AdaptorException call(SQLException e) {
    String state = state(e);
    if (state.startsWith("28"))
      return new AdaptorException(
          AdaptorException.Kind.AUTH,
          "auth_failed",
          "The database refused the login: " + e.getMessage(),
          e);
    // 08: connection exception; 57P0x: PostgreSQL terminated the session (restart, admin, crash).
    if (state.startsWith("08")
        || state.startsWith("57P0")
        || state.isEmpty() && e instanceof java.sql.SQLTransientException) {
      return new AdaptorException(
          AdaptorException.Kind.TRANSIENT,
          "connection_failed",
          "The database connection failed: " + e.getMessage(),
          e);
    }
    return new AdaptorException(
        AdaptorException.Kind.FATAL,
        state.isEmpty() ? "sql_error" : state,
        "The query failed: " + e.getMessage(),
        e);
  }

  /**
   * A failure of one record's statement: the record's error, unless the connection itself broke.
   */
  static RecordError record(SQLException e) {
    String state = state(e);
    if (state.startsWith("28") || state.startsWith("08") || state.startsWith("57P0")) throw call(e);
    return new RecordError(
        state.isEmpty() ? "sql_error" : state, e.getMessage(), "application", false);
  }

  /**
   * The most telling SQLSTATE: a pool's timeout wraps the driver's refusal (28xxx) as its cause.
   */
  private static String state(SQLException e) {
    String first = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        if (s.getSQLState().startsWith("28")) return s.getSQLState();
        if (first == null) first = s.getSQLState();
      }
    }
    return first == null ? "" : first;
  }
}
