package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 13's router workload: {@code routers_bench_src(id, name, bucket)} with N rows in the local
 * PostgreSQL ({@code bucket} = id % 3), copied into {@code routers_bench_dst} by two flows on one
 * Tributary server in a JVM of its own (heap {@code BENCH_SERVER_HEAP}, default 256m): a linear
 * flow (export → one {@code bulk_insert} import) and a flow whose router sends each record down one
 * of three branches by an input filter on {@code bucket} (each branch its own {@code bulk_insert}
 * import into the same table). Both move every row. The flows run linear, routed, linear, routed:
 * the first pair warms the JVM, the second is measured, and the ratio routed/linear is printed.
 */
final class RoutersBench {
  private static final String PG_URL =
      "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private String api;

  void run(int rows) throws Exception {
    try {
      sql(
          "drop table if exists routers_bench_src",
          "create table routers_bench_src (id bigint primary key, name text, bucket int)",
          "insert into routers_bench_src select g, 'Name ' || g, g % 3 from generate_series(1, "
              + rows
              + ") g",
          "analyze routers_bench_src",
          "drop table if exists routers_bench_dst",
          "create table routers_bench_dst (id bigint primary key, full_name text, bucket int)");
      report(rows);
    } finally {
      sql("drop table if exists routers_bench_src", "drop table if exists routers_bench_dst");
    }
  }

  private void report(int rows) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path data = Files.createTempDirectory("routers-bench");
    String heap = System.getenv().getOrDefault("BENCH_SERVER_HEAP", "256m");
    ProcessBuilder pb =
        new ProcessBuilder(
                ServerProcesses.java(),
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                "io.tributary.Main",
                "serve")
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("server.log").toFile());
    pb.environment()
        .putAll(
            Map.of(
                "TRIBUTARY_PORT",
                String.valueOf(port),
                "TRIBUTARY_HOST",
                "127.0.0.1",
                "TRIBUTARY_DATA_DIR",
                data.toString(),
                "TRIBUTARY_API_TOKEN",
                ServerProcesses.TOKEN,
                "TRIBUTARY_RATE_LIMIT_BURST",
                "1000000"));
    Process server = pb.start();
    try {
      api = "http://127.0.0.1:" + port;
      ServerProcesses.awaitHealth(http, api, server, data);
      String[] flows = createFlows();
      // Round 0 warms the JVM; rounds 1 and 2 swap the order so neither flow always runs first.
      int[][] order = {{0, 1}, {1, 0}, {0, 1}};
      double[][] seconds = new double[3][2];
      for (int round = 0; round < 3; round++)
        for (int f : order[round]) seconds[round][f] = runOnce(flows[f], rows);
      System.out.printf("%n== routers: %,d records, server -Xmx%s ==%n", rows, heap);
      String[] names = {"linear flow (1 import)      ", "router, 3 branches by filter"};
      double[] warm = new double[2];
      for (int f = 0; f < 2; f++) {
        warm[f] = (seconds[1][f] + seconds[2][f]) / 2;
        System.out.printf(
            "%s cold: %,.0f records/s (%.1f s), warm (mean of 2): %,.0f records/s (%.1f s, %.1f s)%n",
            names[f],
            rows / seconds[0][f],
            seconds[0][f],
            rows / warm[f],
            seconds[1][f],
            seconds[2][f]);
      }
      System.out.printf("ratio routed/linear (warm server, records/s): %.2f%n", warm[0] / warm[1]);
    } finally {
      server.destroy();
      if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
        server.destroyForcibly().waitFor();
    }
  }

  /** Runs a flow, checks every row arrived and clears them; answers the seconds it took. */
  private double runOnce(String flow, int rows) throws Exception {
    long t0 = System.nanoTime();
    JsonNode job = send("POST", "/v1/flows/" + flow + "/run?wait=300", "");
    if (!job.has("status")) throw new IllegalStateException("the run was refused: " + job);
    while (List.of("queued", "running").contains(job.get("status").asText())) {
      Thread.sleep(200);
      job = send("GET", "/v1/jobs/" + job.get("_id").asText(), null);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!job.get("status").asText().equals("completed"))
      throw new IllegalStateException("the flow job ended " + job);
    if (job.get("numSuccess").asLong() != rows || count() != rows)
      throw new IllegalStateException(
          "the flow moved " + count() + " rows of " + rows + ": " + job);
    sql("truncate routers_bench_dst");
    return seconds;
  }

  /** The linear flow and the routed one, over the same export. */
  private String[] createFlows() throws Exception {
    String pg =
        create(
            "connections",
            "{\"type\":\"rdbms\",\"name\":\"pg\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\"127.0.0.1\","
                + "\"port\":5432,\"database\":\"test\",\"user\":\"postgres\",\"password\":\"\",\"concurrencyLevel\":4}}");
    String export =
        create(
            "exports",
            "{\"name\":\"src\",\"_connectionId\":\""
                + pg
                + "\",\"pageSize\":1000,\"rdbms\":{\"query\":\"select id, name, bucket from routers_bench_src\"}}");
    List<String> imports = new ArrayList<>();
    for (int i = 0; i < 4; i++)
      imports.add(
          create(
              "imports",
              """
              {"name":"dst %d","_connectionId":"%s","rdbms":{"queryType":["bulk_insert"],"bulkInsert":{"tableName":"routers_bench_dst","batchSize":1000}},
               "mapping":{"fields":[{"extract":"id","generate":"id"},{"extract":"name","generate":"full_name"},
                 {"extract":"bucket","generate":"bucket"}]}}"""
                  .formatted(i, pg)));
    String linear =
        create(
            "flows",
            """
            {"name":"linear","pageGenerators":[{"_exportId":"%s"}],"pageProcessors":[{"type":"import","_importId":"%s"}]}"""
                .formatted(export, imports.get(0)));
    StringBuilder branches = new StringBuilder();
    for (int b = 0; b < 3; b++) {
      if (b > 0) branches.append(',');
      branches.append(
          """
          {"name":"bucket %d","inputFilter":{"version":"1","rules":["equals",["number",["extract","bucket"]],%d]},
           "pageProcessors":[{"type":"import","_importId":"%s"}]}"""
              .formatted(b, b, imports.get(b + 1)));
    }
    String routed =
        create(
            "flows",
            """
            {"name":"routed","pageGenerators":[{"_exportId":"%s"}],
             "routers":[{"id":"byBucket","routeRecordsTo":"first_matching_branch","routeRecordsUsing":"input_filters","branches":[%s]}]}"""
                .formatted(export, branches));
    return new String[] {linear, routed};
  }

  private static long count() throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from routers_bench_dst")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
        Statement st = c.createStatement()) {
      for (String s : statements) st.execute(s);
    }
  }

  private String create(String type, String body) throws Exception {
    return ServerProcesses.create(http, api, type, body);
  }

  private JsonNode send(String method, String path, String body) throws Exception {
    return ServerProcesses.send(http, api, method, path, body);
  }
}
