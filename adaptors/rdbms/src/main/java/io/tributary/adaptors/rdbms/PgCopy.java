package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's COPY protocol for a bulk insert: the page goes over as CSV in one stream. COPY is
 * all or nothing, so when it fails the caller falls back to batches and then rows, and one bad row
 * still fails only itself. The CSV is written as UTF-8 bytes in chunks, never as one string.
 */
final class PgCopy {
  private static final int CHUNK = 64 * 1024;

  private PgCopy() {}

  /**
   * True when the rows were copied and committed; false (rolled back) when the caller must insert
   * them otherwise.
   */
  static boolean tryCopy(
      Connection c,
      String table,
      List<String> quotedColumns,
      Set<String> columns,
      List<JsonNode> records)
      throws SQLException {
    if (!c.isWrapperFor(PGConnection.class)) return false;
    String[] names = columns.toArray(String[]::new);
    CopyIn in = null;
    try {
      in =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(
                  "COPY "
                      + table
                      + " ("
                      + String.join(", ", quotedColumns)
                      + ") FROM STDIN WITH (FORMAT csv)");
      Csv csv = new Csv(Math.min(CHUNK, records.size() * 64) + 1024);
      for (JsonNode r : records) {
        for (int i = 0; i < names.length; i++) {
          if (i > 0) csv.put((byte) ',');
          csv.field(r.get(names[i]));
        }
        csv.put((byte) '\n');
        if (csv.size >= CHUNK) {
          in.writeToCopy(csv.bytes, 0, csv.size);
          csv.size = 0;
        }
      }
      if (csv.size > 0) in.writeToCopy(csv.bytes, 0, csv.size);
      in.endCopy();
      c.commit();
      return true;
    } catch (SQLException e) {
      try {
        if (in != null && in.isActive()) in.cancelCopy();
      } catch (SQLException ignored) {
        // the rollback below ends it either way
      }
      c.rollback();
      return false;
    }
  }

  /**
   * CSV as COPY reads it: an unquoted empty field is NULL, a quoted one is text (quotes doubled).
   */
  static final class Csv {
    byte[] bytes;
    int size;

    Csv(int capacity) {
      bytes = new byte[capacity];
    }

    void field(JsonNode v) {
      if (v == null || v.isNull() || v.isMissingNode()) return;
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        ascii(Long.toString(v.longValue()));
      } else if (v.isNumber() || v.isBoolean()) {
        ascii(v.asText());
      } else {
        quoted(v.isValueNode() ? v.asText() : v.toString());
      }
    }

    /**
     * A quoted field in UTF-8 with quotes doubled. ASCII text (the usual case) is copied char by
     * char; other text goes through the encoder. Room for every byte doubled is made first.
     */
    private void quoted(String text) {
      boolean ascii = true;
      for (int i = 0; i < text.length() && ascii; i++) ascii = text.charAt(i) < 0x80;
      byte[] utf8 = ascii ? null : text.getBytes(StandardCharsets.UTF_8);
      int n = ascii ? text.length() : utf8.length;
      room(2 * n + 2);
      bytes[size++] = '"';
      for (int i = 0; i < n; i++) {
        byte b = ascii ? (byte) text.charAt(i) : utf8[i];
        if (b == '"') bytes[size++] = '"';
        bytes[size++] = b;
      }
      bytes[size++] = '"';
    }

    void put(byte b) {
      room(1);
      bytes[size++] = b;
    }

    private void ascii(String s) {
      room(s.length());
      for (int i = 0; i < s.length(); i++) bytes[size++] = (byte) s.charAt(i);
    }

    private void room(int n) {
      if (size + n > bytes.length)
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
    }
  }
}
