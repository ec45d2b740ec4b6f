package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.TestDatabase;
import io.tributary.web.Json;
import org.junit.jupiter.api.BeforeAll;

class RdbmsPostgresIT extends RdbmsAdaptorContract {
  @BeforeAll
  static void server() {
    TestDatabase.requirePostgres();
  }

  @Override
  ObjectNode connection() {
    return (ObjectNode) Json.parse("{\"type\":\"rdbms\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\"127.0.0.1\",\"port\":5432,"
        + "\"database\":\"test\",\"user\":\"postgres\",\"password\":\"\"}}");
  }

  @Override
  String jdbcUrl() {
    return TestDatabase.PG_URL;
  }

  @Override
  String user() {
    return TestDatabase.PG_USER;
  }

  @Override
  String sourceDdl(String t) {
    return "create table " + t + " (id bigint primary key, name text, amount numeric(12,2), active boolean, "
        + "updated_at timestamptz, born date, note text)";
  }

  @Override
  String targetDdl(String t) {
    return "create table " + t + " (id bigint primary key, full_name text)";
  }
}
