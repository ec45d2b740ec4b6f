package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.web.Json;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;

/** Rows to JSON records and JSON values to statement parameters, keeping types where JSON has them. */
final class Columns {
  private Columns() {}

  static ObjectNode record(ResultSet rs, ResultSetMetaData meta) throws SQLException {
    ObjectNode row = Json.object();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String name = meta.getColumnLabel(i);
      Object v = rs.getObject(i);
      if (v == null) {
        row.putNull(name);
        continue;
      }
      switch (meta.getColumnType(i)) {
        case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> row.put(name, rs.getLong(i));
        case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> row.put(name, rs.getBigDecimal(i));
        case Types.BIT, Types.BOOLEAN -> row.put(name, rs.getBoolean(i));
        case Types.DATE -> row.put(name, rs.getDate(i).toLocalDate().toString());
        case Types.TIMESTAMP_WITH_TIMEZONE -> row.put(name, rs.getObject(i, OffsetDateTime.class).toInstant().toString());
        case Types.TIMESTAMP -> row.put(name, timestamp(rs, i, meta));
        default -> row.set(name, other(v, meta.getColumnTypeName(i)));
      }
    }
    return row;
  }

  /** PostgreSQL reports timestamptz as TIMESTAMP: read it as an instant when the type name says so. */
  private static String timestamp(ResultSet rs, int i, ResultSetMetaData meta) throws SQLException {
    String type = meta.getColumnTypeName(i).toLowerCase();
    if (type.contains("tz") || type.contains("zone")) return rs.getObject(i, OffsetDateTime.class).toInstant().toString();
    Timestamp t = rs.getTimestamp(i);
    return t.toLocalDateTime().toString();
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

  /** An ISO-8601 instant with a zone as UTC wall time ({@code 2026-01-02 03:04:05.123}); other text is left alone. */
  static Object utcLocal(String s) {
    try {
      return OffsetDateTime.parse(s).atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ');
    } catch (java.time.format.DateTimeParseException notAnInstant) {
      return s;
    }
  }

  /** A JSON value as a statement parameter: numbers stay numbers, objects and arrays become JSON text. */
  static Object toJdbc(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) return null;
    if (v.isIntegralNumber()) return v.bigIntegerValue().bitLength() < 64 ? (Object) v.longValue() : v.decimalValue();
    if (v.isNumber()) return v.decimalValue();
    if (v.isBoolean()) return v.booleanValue();
    if (v.isTextual()) return v.asText();
    return v.toString();
  }

}
