package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.Json;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;

/**
 * Rows to JSON records and JSON values to statement parameters, keeping types where JSON has them.
 */
final class Columns {
  private Columns() {}

  /**
   * How to read each column of a result set, worked out once from its metadata rather than for
   * every row.
   */
  static Reader reader(ResultSetMetaData meta) throws SQLException {
    int n = meta.getColumnCount();
    String[] names = new String[n];
    Kind[] kinds = new Kind[n];
    String[] typeNames = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = meta.getColumnLabel(i + 1);
      typeNames[i] = meta.getColumnTypeName(i + 1);
      kinds[i] = kind(meta.getColumnType(i + 1), typeNames[i].toLowerCase());
    }
    return new Reader(names, kinds, typeNames);
  }

  private enum Kind {
    INTEGER,
    DECIMAL,
    BOOLEAN,
    DATE,
    INSTANT,
    LOCAL_TIMESTAMP,
    OTHER
  }

  private static Kind kind(int sqlType, String typeName) {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.INTEGER;
      case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.DECIMAL;
      case Types.BIT, Types.BOOLEAN -> Kind.BOOLEAN;
      case Types.DATE -> Kind.DATE;
      case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.INSTANT;
      // PostgreSQL reports timestamptz as TIMESTAMP: read it as an instant when the type name says
      // so.
      case Types.TIMESTAMP ->
          typeName.contains("tz") || typeName.contains("zone")
              ? Kind.INSTANT
              : Kind.LOCAL_TIMESTAMP;
      default -> Kind.OTHER;
    };
  }

  /** Reads rows of one result set into JSON records, keeping types where JSON has them. */
  static final class Reader {
    private final String[] names;
    private final Kind[] kinds;
    private final String[] typeNames;

    private Reader(String[] names, Kind[] kinds, String[] typeNames) {
      this.names = names;
      this.kinds = kinds;
      this.typeNames = typeNames;
    }

    ObjectNode read(ResultSet rs) throws SQLException {
      ObjectNode row = Json.object();
      for (int c = 0; c < names.length; c++) {
        int i = c + 1;
        String name = names[c];
        switch (kinds[c]) {
          case INTEGER -> {
            long v = rs.getLong(i);
            if (rs.wasNull()) row.putNull(name);
            else row.put(name, v);
          }
          case DECIMAL -> row.put(name, rs.getBigDecimal(i)); // put(null) stores a JSON null
          case BOOLEAN -> {
            boolean v = rs.getBoolean(i);
            if (rs.wasNull()) row.putNull(name);
            else row.put(name, v);
          }
          // put(name, (String) null) stores a JSON null, like put(name, (BigDecimal) null) above
          case DATE -> {
            java.sql.Date d = rs.getDate(i);
            row.put(name, d == null ? null : d.toLocalDate().toString());
          }
          case INSTANT -> {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            row.put(name, t == null ? null : t.toInstant().toString());
          }
          case LOCAL_TIMESTAMP -> {
            Timestamp t = rs.getTimestamp(i);
            row.put(name, t == null ? null : t.toLocalDateTime().toString());
          }
          case OTHER -> {
            Object v = rs.getObject(i);
            if (v == null) row.putNull(name);
            else row.set(name, other(v, typeNames[c]));
          }
        }
      }
      return row;
    }
  }

  private static JsonNode other(Object v, String typeName) {
    String t = typeName.toLowerCase();
    if (t.equals("json") || t.equals("jsonb")) {
      try {
        return Json.MAPPER.readTree(v.toString());
      } catch (java.io.IOException e) {
        return Json.MAPPER.getNodeFactory().textNode(v.toString());
      }
    }
    return Json.MAPPER.getNodeFactory().textNode(v.toString());
  }

  /**
   * An ISO-8601 instant with a zone as UTC wall time ({@code 2026-01-02 03:04:05.123}); other text
   * is left alone.
   */
  static Object utcLocal(String s) {
    try {
      return OffsetDateTime.parse(s)
          .atZoneSameInstant(java.time.ZoneOffset.UTC)
          .toLocalDateTime()
          .toString()
          .replace('T', ' ');
    } catch (java.time.format.DateTimeParseException notAnInstant) {
      return s;
    }
  }

  /**
   * A JSON value as a statement parameter: numbers stay numbers, objects and arrays become JSON
   * text.
   */
  static Object toJdbc(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) return null;
    if (v.isIntegralNumber())
      return v.bigIntegerValue().bitLength() < 64 ? (Object) v.longValue() : v.decimalValue();
    if (v.isNumber()) return v.decimalValue();
    if (v.isBoolean()) return v.booleanValue();
    if (v.isTextual()) return v.asText();
    return v.toString();
  }
}
