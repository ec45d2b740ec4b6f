package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's COPY protocol for a bulk insert: the page goes over as CSV in one round trip. COPY
 * is all or nothing, so when it fails the caller falls back to batches and then rows, and one bad
 * row still fails only itself.
 */
final class PgCopy {
  private PgCopy() {}

  /** True when the rows were copied and committed; false (rolled back) when the caller must insert them otherwise. */
  static boolean tryCopy(Connection c, String table, List<String> quotedColumns, Set<String> columns, List<JsonNode> records)
      throws SQLException {
    if (!c.isWrapperFor(PGConnection.class)) return false;
    StringBuilder csv = new StringBuilder(records.size() * 64);
    for (JsonNode r : records) {
      boolean first = true;
      for (String col : columns) {
        if (!first) csv.append(',');
        first = false;
        field(csv, r.get(col));
      }
      csv.append('\n');
    }
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(
          "COPY " + table + " (" + String.join(", ", quotedColumns) + ") FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
      c.commit();
      return true;
    } catch (SQLException | java.io.IOException e) {
      c.rollback();
      return false;
    }
  }

  /** CSV as COPY reads it: an unquoted empty field is NULL, a quoted one is text (quotes doubled). */
  private static void field(StringBuilder csv, JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) return;
    String text = v.isValueNode() ? v.asText() : v.toString();
    if (v.isNumber() || v.isBoolean()) {
      csv.append(text);
      return;
    }
    csv.append('"').append(text.replace("\"", "\"\"")).append('"');
  }
}
