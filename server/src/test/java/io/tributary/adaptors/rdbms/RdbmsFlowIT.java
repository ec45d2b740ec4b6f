package io.tributary.adaptors.rdbms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.TestDatabase;
import io.tributary.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A flow from a PostgreSQL table into a MariaDB table through a mapping, over the API. */
class RdbmsFlowIT {
  private static final String PG =
      """
      {"type":"rdbms","name":"pg","rdbms":{"type":"postgresql","host":"127.0.0.1","port":5432,"database":"test","user":"postgres","password":""}}""";
  private static final String MARIA =
      """
      {"type":"rdbms","name":"maria","rdbms":{"type":"mariadb","host":"127.0.0.1","port":3306,"database":"test","user":"root","password":""}}""";

  /** A flow of one source and one import, created from their documents. */
  private static String flow(Fixtures fx, String export, String imp) {
    return fx.create(
        "flows",
        "{\"name\":\"f\",\"pageGenerators\":[{\"_exportId\":\""
            + fx.create("exports", export)
            + "\"}],\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
            + fx.create("imports", imp)
            + "\"}]}");
  }

  private static void sql(String url, String user, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement st = c.createStatement()) {
      for (String s : statements) st.execute(s);
    }
  }

  private static List<String> rows(String url, String user, String query) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
    }
    return out;
  }

  @Test
  void postgresRowsArriveInMariaDbMappedAndTheDeltaMovesOn() throws Exception {
    TestDatabase.requirePostgres();
    TestDatabase.requireMariaDb();
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String src = "fsrc_" + suffix;
    String dst = "fdst_" + suffix;
    sql(
        TestDatabase.PG_URL,
        TestDatabase.PG_USER,
        "create table "
            + src
            + " (id bigint primary key, name text, email text, amount numeric(12,2), updated_at timestamptz)",
        "insert into "
            + src
            + " select g, 'Name ' || g, 'User' || g || '@Example.COM', g * 1.25, now() - interval '1 day' "
            + "from generate_series(1, 45) g");
    sql(
        TestDatabase.MARIADB_URL,
        "root",
        "create table "
            + dst
            + " (id bigint primary key, full_name text, email_lower text, amount_cents bigint)");
    try (TestServer server = TestServer.start(false)) {
      ApiClient api = server.client();
      Fixtures fx = new Fixtures(api);
      String pg = fx.create("connections", PG);
      String maria = fx.create("connections", MARIA);
      assertThat(api.get("/v1/connections/" + pg + "/ping").json().get("code").asInt())
          .isEqualTo(200);
      String flow =
          flow(
              fx,
              """
          {"name":"changed rows","_connectionId":"%s","type":"delta","pageSize":10,
           "rdbms":{"query":"select * from %s where updated_at > {{lastExportDateTime}} order by id"}}"""
                  .formatted(pg, src),
              """
          {"name":"into maria","_connectionId":"%s","rdbms":{"queryType":["bulk_insert"],"bulkInsert":{"tableName":"%s","batchSize":1000}},
           "mapping":{"fields":[{"extract":"id","generate":"id"},{"extract":"name","generate":"full_name"},
             {"extract":"{{lowercase record.email}}","generate":"email_lower"},
             {"extract":"{{multiply record.amount 100}}","generate":"amount_cents","dataType":"number"}]}}"""
                  .formatted(maria, dst));
      JsonNode job = api.post("/v1/flows/" + flow + "/run?wait=60", "").json();
      assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
      assertThat(job.get("numExport").asInt()).isEqualTo(45);
      assertThat(job.get("numSuccess").asInt()).isEqualTo(45);
      assertThat(job.get("numPagesGenerated").asInt()).isEqualTo(5);
      assertThat(
              rows(
                  TestDatabase.MARIADB_URL,
                  "root",
                  "select full_name, email_lower, amount_cents from " + dst + " where id = 7"))
          .containsExactly("Name 7|user7@example.com|875");

      JsonNode again = api.post("/v1/flows/" + flow + "/run?wait=60", "").json();
      assertThat(again.get("numExport").asInt())
          .as("the delta window moved past every row")
          .isZero();
    } finally {
      sql(TestDatabase.PG_URL, TestDatabase.PG_USER, "drop table if exists " + src);
      sql(TestDatabase.MARIADB_URL, "root", "drop table if exists " + dst);
    }
  }

  @Test
  void aOnceExportLeavesTheRowsOfFailedRecordsForTheNextRun() throws Exception {
    TestDatabase.requirePostgres();
    TestDatabase.requireMariaDb();
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String src = "osrc_" + suffix;
    String dst = "odst_" + suffix;
    sql(
        TestDatabase.PG_URL,
        TestDatabase.PG_USER,
        "create table "
            + src
            + " (id bigint primary key, name text, exported boolean not null default false)",
        "insert into " + src + " (id, name) select g, 'n' || g from generate_series(1, 12) g");
    sql(
        TestDatabase.MARIADB_URL,
        "root",
        "create table " + dst + " (id bigint primary key, name text)",
        "insert into " + dst + " values (5, 'already there')");
    try (TestServer server = TestServer.start(false)) {
      ApiClient api = server.client();
      Fixtures fx = new Fixtures(api);
      String pg = fx.create("connections", PG);
      String maria = fx.create("connections", MARIA);
      String flow =
          flow(
              fx,
              """
          {"name":"once","_connectionId":"%s","type":"once","pageSize":5,"rdbms":{"query":"select id, name from %s where not exported order by id",
           "once":{"query":"update %s set exported = true where id = {{record.id}}"}}}"""
                  .formatted(pg, src, src),
              """
          {"name":"into maria","_connectionId":"%s","rdbms":{"queryType":["bulk_insert"],"bulkInsert":{"tableName":"%s"}}}"""
                  .formatted(maria, dst));
      JsonNode first = api.post("/v1/flows/" + flow + "/run?wait=60", "").json();
      assertThat(first.get("numExport").asInt()).isEqualTo(12);
      assertThat(first.get("numError").asInt()).isEqualTo(1);
      JsonNode second = api.post("/v1/flows/" + flow + "/run?wait=60", "").json();
      assertThat(second.get("numExport").asInt())
          .as("only the failed row comes again")
          .isEqualTo(1);
    } finally {
      sql(TestDatabase.PG_URL, TestDatabase.PG_USER, "drop table if exists " + src);
      sql(TestDatabase.MARIADB_URL, "root", "drop table if exists " + dst);
    }
  }

  @Test
  void typesSurviveAPostgresToMariaDbToPostgresRoundTrip() throws Exception {
    TestDatabase.requirePostgres();
    TestDatabase.requireMariaDb();
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String a = "tfa_" + suffix;
    String b = "tfb_" + suffix;
    String c = "tfc_" + suffix;
    String pgCols =
        "(id bigint primary key, n_int integer, n_dec numeric(12,4), flag boolean, ts timestamptz, d date, j jsonb, t text, nothing text)";
    sql(
        TestDatabase.PG_URL,
        TestDatabase.PG_USER,
        "create table " + a + " " + pgCols,
        "create table " + c + " " + pgCols,
        "insert into "
            + a
            + " values (1, -42, 12345678.1234, true, '2026-03-29 01:30:00.123+01', '2026-02-28', "
            + "'{\"k\":[1,2.5,\"x\"],\"n\":null}', 'it''s \"quoted\", with, commas\nand a line', null),"
            + "(2, 0, 0.0001, false, '1999-12-31 23:59:59.999+00', '2000-01-01', '[]', '2026-01-02T03:04:05Z', null)");
    sql(
        TestDatabase.MARIADB_URL,
        "root",
        "create table "
            + b
            + " (id bigint primary key, n_int int, n_dec decimal(12,4), flag boolean, ts datetime(3), d date, j json, t text, nothing text)");
    try (TestServer server = TestServer.start(false)) {
      ApiClient api = server.client();
      Fixtures fx = new Fixtures(api);
      String pg = fx.create("connections", PG);
      String maria = fx.create("connections", MARIA);
      for (String[] leg : new String[][] {{pg, a, maria, b}, {maria, b, pg, c}}) {
        String flow =
            flow(
                fx,
                """
            {"name":"from","_connectionId":"%s","rdbms":{"query":"select * from %s order by id"}}"""
                    .formatted(leg[0], leg[1]),
                """
            {"name":"to","_connectionId":"%s","rdbms":{"queryType":["bulk_insert"],"bulkInsert":{"tableName":"%s"}}}"""
                    .formatted(leg[2], leg[3]));
        JsonNode job = api.post("/v1/flows/" + flow + "/run?wait=60", "").json();
        assertThat(job.get("numSuccess").asInt()).as(job.toString()).isEqualTo(2);
      }
      List<String> differences = new ArrayList<>();
      try (Connection conn =
              DriverManager.getConnection(TestDatabase.PG_URL, TestDatabase.PG_USER, "");
          Statement st = conn.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "(select * from "
                      + a
                      + " except select * from "
                      + c
                      + ") union all (select * from "
                      + c
                      + " except select * from "
                      + a
                      + ")")) {
        while (rs.next())
          differences.add(
              rs.getString("id")
                  + " ts="
                  + rs.getString("ts")
                  + " j="
                  + rs.getString("j")
                  + " t="
                  + rs.getString("t"));
      }
      assertThat(differences).isEmpty();
    } finally {
      sql(
          TestDatabase.PG_URL,
          TestDatabase.PG_USER,
          "drop table if exists " + a,
          "drop table if exists " + c);
      sql(TestDatabase.MARIADB_URL, "root", "drop table if exists " + b);
    }
  }
}
