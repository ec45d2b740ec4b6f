package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.Json;
import io.tributary.adaptors.testing.LocalDatabases;
import org.junit.jupiter.api.BeforeAll;

class RdbmsPostgresIT extends RdbmsAdaptorContract {
  @BeforeAll
  static void server() {
    LocalDatabases.requirePostgres();
  }

  @Override
  ObjectNode connection() {
    return (ObjectNode)
        Json.parse(
            "{\"type\":\"rdbms\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\"127.0.0.1\",\"port\":5432,"
                + "\"database\":\"test\",\"user\":\"postgres\",\"password\":\"\"}}");
  }

  @Override
  String jdbcUrl() {
    return LocalDatabases.PG_URL;
  }

  @Override
  String user() {
    return LocalDatabases.PG_USER;
  }

  @Override
  String sourceDdl(String t) {
    return "create table "
        + t
        + " (id bigint primary key, name text, amount numeric(12,2), active boolean, "
        + "updated_at timestamptz, born date, note text)";
  }

  @Override
  String targetDdl(String t) {
    return "create table " + t + " (id bigint primary key, full_name text)";
  }

  @org.junit.jupiter.api.Test
  void aDroppedConnectionMidExportRereadsAndGoesOn() throws Exception {
    sql(
        "insert into "
            + src
            + " select g, 'n' || g, 1, true, now(), '2000-01-01', null from generate_series(4, 5000) g");
    ObjectNode export =
        (ObjectNode)
            Json.parse(
                "{\"pageSize\":500,\"rdbms\":{\"query\":\"select id /* drop-me */ from "
                    + src
                    + " order by id\"}}");
    java.util.List<Long> ids = new java.util.ArrayList<>();
    try (io.tributary.adaptors.PageSource pages = adaptor.export(ctx(export))) {
      pages.next().orElseThrow().forEach(r -> ids.add(r.get("id").asLong()));
      sql(
          "select pg_terminate_backend(pid) from pg_stat_activity where query like '%drop-me%' and pid <> pg_backend_pid()");
      java.util.Optional<java.util.List<ObjectNode>> page;
      while ((page = pages.next()).isPresent())
        page.get().forEach(r -> ids.add(r.get("id").asLong()));
    }
    org.assertj.core.api.Assertions.assertThat(ids).hasSize(5000).doesNotHaveDuplicates();
    org.assertj.core.api.Assertions.assertThat(ids.get(4999)).isEqualTo(5000L);
  }
}
