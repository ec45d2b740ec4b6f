package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.App;
import io.tributary.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Issue 5's workload on the local PostgreSQL: {@code src(id, name, email, amount, updated_at)} with
 * N rows copied into {@code dst(id, full_name, email_lower, amount_cents, updated_at)} with a mapping,
 * by a flow (RDBMS export → bulk_insert import) and, as the reference in the same run, by a
 * hand-written JDBC program (streaming read with a fetch size, batched inserts of 1000 with
 * reWriteBatchedInserts=true).
 */
final class RdbmsBench {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private String api;

  void run(int rows) throws Exception {
    sql("drop table if exists bench_src", "drop table if exists bench_dst",
        "create table bench_src (id bigint primary key, name text, email text, amount numeric(12,2), updated_at timestamptz)",
        "insert into bench_src select g, 'Name ' || g, 'User' || g || '@Example.COM', (g % 10000) * 1.25, now() from generate_series(1, "
            + rows + ") g",
        "create table bench_dst (id bigint primary key, full_name text, email_lower text, amount_cents bigint, updated_at timestamptz)");
    long t0 = System.nanoTime();
    long hand = handWritten();
    double handSeconds = (System.nanoTime() - t0) / 1e9;
    sql("truncate bench_dst");
    try (App app = App.start(new Settings(0, "127.0.0.1", Files.createTempDirectory("rdbms-bench"), null, null, null, null, "t",
        "bench", 1_000_000, 1_000_000), Clock.systemUTC())) {
      api = "http://127.0.0.1:" + app.port();
      String flow = createFlow();
      t0 = System.nanoTime();
      JsonNode job = send("POST", "/v1/flows/" + flow + "/run?wait=300", "");
      while (List.of("queued", "running").contains(job.get("status").asText())) {
        Thread.sleep(500);
        job = send("GET", "/v1/jobs/" + job.get("_id").asText(), null);
      }
      double flowSeconds = (System.nanoTime() - t0) / 1e9;
      long moved = count();
      System.out.printf("hand-written JDBC (fetch 1000, batches of 1000): %,d rows in %.1f s = %,.0f rows/s%n", hand, handSeconds, hand / handSeconds);
      System.out.printf("Tributary flow (export -> bulk_insert):          %,d rows in %.1f s = %,.0f rows/s (job %s)%n", moved, flowSeconds,
          moved / flowSeconds, job.get("status").asText());
      System.out.printf("ratio flow/hand-written: %.2f%n", (moved / flowSeconds) / (hand / handSeconds));
    } finally {
      sql("drop table if exists bench_src", "drop table if exists bench_dst");
    }
  }

  private long handWritten() throws Exception {
    long n = 0;
    try (Connection in = DriverManager.getConnection(URL, "postgres", ""); Connection out = DriverManager.getConnection(URL, "postgres", "")) {
      in.setAutoCommit(false);
      out.setAutoCommit(false);
      try (Statement st = in.createStatement();
          PreparedStatement ins = out.prepareStatement("insert into bench_dst (id, full_name, email_lower, amount_cents, updated_at) values (?, ?, ?, ?, ?)")) {
        st.setFetchSize(1000);
        try (ResultSet rs = st.executeQuery("select id, name, email, amount, updated_at from bench_src")) {
          while (rs.next()) {
            ins.setLong(1, rs.getLong(1));
            ins.setString(2, rs.getString(2));
            ins.setString(3, rs.getString(3).toLowerCase());
            ins.setLong(4, rs.getBigDecimal(4).movePointRight(2).longValueExact());
            ins.setObject(5, rs.getObject(5));
            ins.addBatch();
            if (++n % 1000 == 0) ins.executeBatch();
          }
        }
        ins.executeBatch();
        out.commit();
      }
    }
    return n;
  }

  private String createFlow() throws Exception {
    String conn = create("connections", "{\"type\":\"rdbms\",\"name\":\"pg\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\"127.0.0.1\","
        + "\"port\":5432,\"database\":\"test\",\"user\":\"postgres\",\"password\":\"\",\"concurrencyLevel\":4}}");
    String export = create("exports", "{\"name\":\"src\",\"_connectionId\":\"" + conn + "\",\"pageSize\":1000,"
        + "\"rdbms\":{\"query\":\"select * from bench_src\"}}");
    String imp = create("imports", """
        {"name":"dst","_connectionId":"%s","rdbms":{"queryType":["bulk_insert"],"bulkInsert":{"tableName":"bench_dst","batchSize":1000}},
         "mapping":{"fields":[{"extract":"id","generate":"id"},{"extract":"name","generate":"full_name"},
           {"extract":"{{lowercase record.email}}","generate":"email_lower"},
           {"extract":"{{multiply record.amount 100}}","generate":"amount_cents","dataType":"number"},
           {"extract":"updated_at","generate":"updated_at"}]}}""".formatted(conn));
    return create("flows", "{\"name\":\"bench\",\"pageGenerators\":[{\"_exportId\":\"" + export + "\"}],"
        + "\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\"" + imp + "\"}]}");
  }

  private long count() throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from bench_dst")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement st = c.createStatement()) {
      for (String s : statements) st.execute(s);
    }
  }

  private String create(String type, String body) throws Exception {
    JsonNode r = send("POST", "/v1/" + type, body);
    if (!r.has("_id")) throw new IllegalStateException("could not create " + type + ": " + r);
    return r.get("_id").asText();
  }

  private JsonNode send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer t")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
  }
}
