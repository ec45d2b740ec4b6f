package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.Json;
import io.tributary.adaptors.testing.LocalDatabases;
import org.junit.jupiter.api.BeforeAll;

class RdbmsMariaDbIT extends RdbmsAdaptorContract {
  @BeforeAll
  static void server() {
    LocalDatabases.requireMariaDb();
  }

  @Override
  ObjectNode connection() {
    return (ObjectNode)
        Json.parse(
            "{\"type\":\"rdbms\",\"rdbms\":{\"type\":\"mariadb\",\"host\":\"127.0.0.1\",\"port\":3306,"
                + "\"database\":\"test\",\"user\":\"root\",\"password\":\"\"}}");
  }

  @Override
  String jdbcUrl() {
    return LocalDatabases.MARIADB_URL;
  }

  @Override
  String user() {
    return "root";
  }

  @Override
  String sourceDdl(String t) {
    return "create table "
        + t
        + " (id bigint primary key, name text, amount decimal(12,2), active boolean, "
        + "updated_at datetime(3), born date, note text)";
  }

  @Override
  String targetDdl(String t) {
    return "create table " + t + " (id bigint primary key, full_name text)";
  }
}
