package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.Throttle;
import io.tributary.adaptors.json.Json;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code queryType: bulk_insert}: the page's records inserted in batches into {@code
 * bulkInsert.tableName}, columns taken from the records' fields. A batch that fails is redone row
 * by row so that one bad row fails only itself.
 */
final class BulkInsert {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  private BulkInsert() {}

  /**
   * {@code backticks}: MySQL and MariaDB quote identifiers with backticks, PostgreSQL with double
   * quotes. {@code upsert} ({@code bulk_load}): rows whose {@code primaryKeys} exist are updated.
   */
  static List<SubmitResult> run(
      DataSource ds,
      Throttle throttle,
      JsonNode config,
      List<JsonNode> records,
      boolean backticks,
      boolean upsert) {
    char q = backticks ? '`' : '"';
    String table = quotedTable(config.path("tableName").asText(""), q);
    Set<String> columns = columns(records);
    for (String c : columns) {
      if (!IDENTIFIER.matcher(c).matches()) {
        throw new AdaptorException(
            AdaptorException.Kind.FATAL,
            "invalid_column",
            "\"" + c + "\" is not a column name a bulk insert accepts.");
      }
    }
    String sql =
        "insert into "
            + table
            + " ("
            + String.join(", ", columns.stream().map(c -> q + c + q).toList())
            + ") values ("
            + String.join(", ", columns.stream().map(c -> "?").toList())
            + ")"
            + (upsert ? Upserts.clause(config, columns, q, backticks) : "");
    List<SubmitResult> out = new ArrayList<>(records.size());
    // One answer document for the page's inserted rows: results are read, never changed.
    SubmitResult inserted = SubmitResult.success(null, Json.object().put("rowsAffected", 1));
    try (Throttle.Slot slot = throttle.acquire();
        Connection c = ds.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      c.setAutoCommit(false);
      java.util.Map<String, Integer> types = backticks ? columnTypes(c, table) : java.util.Map.of();
      if (!backticks
          && !upsert
          && PgCopy.tryCopy(
              c, table, columns.stream().map(col -> q + col + q).toList(), columns, records)) {
        for (int i = 0; i < records.size(); i++) out.add(inserted);
        return out;
      }
      try {
        for (JsonNode r : records) {
          bind(st, r, columns, types);
          st.addBatch();
        }
        st.executeBatch();
        c.commit();
        for (int i = 0; i < records.size(); i++) out.add(inserted);
        return out;
      } catch (BatchUpdateException e) {
        c.rollback();
        st.clearBatch();
      }
      for (JsonNode r : records) {
        try {
          bind(st, r, columns, types);
          st.executeUpdate();
          c.commit();
          out.add(inserted);
        } catch (SQLException e) {
          c.rollback();
          out.add(
              new SubmitResult(
                  422,
                  null,
                  false,
                  List.of(SqlFailures.record(e)),
                  Json.object().put("sqlState", e.getSQLState())));
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlFailures.call(e);
    }
  }

  /**
   * Every field name of the page's records, in first-seen order. Mapped records mostly have the
   * same fields in the same order, so a record that repeats the order so far adds nothing: compared
   * name by name (the same String instances, from the mapping) before any hashing.
   */
  private static Set<String> columns(List<JsonNode> records) {
    Set<String> columns = new LinkedHashSet<>();
    List<String> order = new ArrayList<>();
    for (JsonNode r : records) {
      if (sameOrder(r, order)) continue;
      r.fieldNames()
          .forEachRemaining(
              name -> {
                if (columns.add(name)) order.add(name);
              });
    }
    return columns;
  }

  private static boolean sameOrder(JsonNode r, List<String> order) {
    if (r.size() != order.size()) return false;
    var names = r.fieldNames();
    for (String known : order) {
      if (!known.equals(names.next())) return false;
    }
    return true;
  }

  private static void bind(
      PreparedStatement st, JsonNode r, Set<String> columns, java.util.Map<String, Integer> types)
      throws SQLException {
    int i = 1;
    for (String c : columns) {
      Object v = Columns.toJdbc(r.get(c));
      Integer type = types.get(c.toLowerCase());
      if (v instanceof String s
          && type != null
          && (type == java.sql.Types.TIMESTAMP || type == java.sql.Types.DATE)) {
        v = Columns.utcLocal(s);
      }
      if (v == null) st.setNull(i++, java.sql.Types.NULL);
      else st.setObject(i++, v);
    }
  }

  /**
   * Column types of a MySQL/MariaDB table: their DATETIME columns take no zone, so ISO instants
   * from other systems are written as UTC wall time (sessions run in UTC, see {@link Pools}).
   */
  private static java.util.Map<String, Integer> columnTypes(Connection c, String table)
      throws SQLException {
    java.util.Map<String, Integer> out = new java.util.HashMap<>();
    try (var st = c.createStatement();
        var rs = st.executeQuery("select * from " + table + " where 1 = 0")) {
      var meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++)
        out.put(meta.getColumnName(i).toLowerCase(), meta.getColumnType(i));
    }
    return out;
  }

  /** {@code schema.table}, each part validated and quoted. */
  static String quotedTable(String name, char q) {
    String[] parts = name.split("\\.", -1);
    if (name.isEmpty() || parts.length > 2) throw invalidTable(name);
    List<String> quoted = new ArrayList<>();
    for (String p : parts) {
      if (!IDENTIFIER.matcher(p).matches()) throw invalidTable(name);
      quoted.add(q + p + q);
    }
    return String.join(".", quoted);
  }

  private static AdaptorException invalidTable(String name) {
    return new AdaptorException(
        AdaptorException.Kind.FATAL,
        "invalid_table",
        "bulkInsert.tableName \"" + name + "\" is not a valid table name.");
  }
}
