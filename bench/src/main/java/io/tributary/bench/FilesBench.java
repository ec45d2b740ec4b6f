package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.adaptors.file.testing.LocalFileServers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * W6 (issue 14): a CSV file of N rows {@code id,name,email,amount} on a local sshd (started here as
 * the file adaptor's tests start it) → mapping (rename, lower-case, amount × 100) → PostgreSQL's
 * {@code bench_files_dst} by {@code bulk_insert}, by a flow on a Tributary server in a JVM of its
 * own ({@code -Xmx256m}; run cold, then warm), and by the hand-written {@link FilesReference} (SFTP
 * client + FastCSV + COPY) in another JVM before and after. Rows/s, ratio, peak RSS of each.
 */
final class FilesBench {
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private String api;

  private record Run(long rows, double seconds, long peakRssKb) {
    double perSecond() {
      return rows / seconds;
    }
  }

  void run(int rows) throws Exception {
    try (LocalFileServers servers = LocalFileServers.prepare().startSftp()) {
      Path file = servers.directory("w6").resolve("orders.csv");
      write(file, rows);
      System.out.printf("W6 source: %s, %,d rows, %,d MB%n", file, rows, Files.size(file) >> 20);
      sql(
          "drop table if exists bench_files_dst",
          "create table bench_files_dst (id bigint primary key, full_name text, email_lower text, amount_cents bigint)");
      try {
        Run before = reference(servers);
        sql("truncate bench_files_dst");
        List<Run> flows = flows(servers, rows);
        Run after = reference(servers);
        double reference = (before.perSecond() + after.perSecond()) / 2;
        System.out.printf("%n== W6: CSV on SFTP -> mapping -> PostgreSQL, %,d rows ==%n", rows);
        System.out.printf(
            "hand-written (MINA SFTP + FastCSV + COPY), before: %,.0f rows/s (%.1f s), peak RSS %,d MB%n",
            before.perSecond(), before.seconds(), before.peakRssKb() / 1024);
        System.out.printf(
            "hand-written, after:                               %,.0f rows/s (%.1f s), peak RSS %,d MB%n",
            after.perSecond(), after.seconds(), after.peakRssKb() / 1024);
        String[] labels = {"first run (cold JVM)", "second run (warm)   "};
        for (int i = 0; i < flows.size(); i++) {
          System.out.printf(
              "Tributary flow, %s, -Xmx256m: %,.0f rows/s (%.1f s), ratio %.2f%n",
              labels[i],
              flows.get(i).perSecond(),
              flows.get(i).seconds(),
              flows.get(i).perSecond() / reference);
        }
        System.out.printf("Tributary server peak RSS: %,d MB%n", flows.get(1).peakRssKb() / 1024);
        System.out.printf(
            "ratio flow/hand-written (warm server, mean of before and after): %.2f%n",
            flows.get(1).perSecond() / reference);
      } finally {
        sql("drop table if exists bench_files_dst");
      }
    }
  }

  private static void write(Path file, int rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,name,email,amount\n");
      for (int i = 1; i <= rows; i++)
        w.write(i + ",Name " + i + ",User" + i + "@Example.COM," + (i % 10000) * 1.25 + "\n");
    }
  }

  private static Run reference(LocalFileServers servers) throws Exception {
    Process p =
        new ProcessBuilder(
                ServerProcesses.java(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                FilesReference.class.getName(),
                String.valueOf(servers.sftpPort()),
                LocalFileServers.USER,
                LocalFileServers.PASSWORD,
                "/w6/orders.csv",
                PG_URL)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) throw new IllegalStateException("the reference program failed: " + out);
    String[] f = out.split("\\s+");
    sql("truncate bench_files_dst");
    return new Run(Long.parseLong(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2]));
  }

  private List<Run> flows(LocalFileServers servers, int rows) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path data = Files.createTempDirectory("files-bench");
    ProcessBuilder pb =
        new ProcessBuilder(
                ServerProcesses.java(),
                "-Xmx256m",
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
      String flow = createFlow(servers);
      List<Run> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        double seconds = runOnce(flow);
        long moved = count();
        if (moved != rows)
          throw new IllegalStateException("the flow moved " + moved + " rows of " + rows);
        sql("truncate bench_files_dst");
        runs.add(
            new Run(
                moved,
                seconds,
                RdbmsReference.peakRssKb(Path.of("/proc/" + server.pid() + "/status"))));
      }
      return runs;
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
    }
  }

  private String createFlow(LocalFileServers servers) throws Exception {
    String sftp =
        create(
            "connections",
            """
        {"type":"ftp","name":"sftp","ftp":{"type":"sftp","hostURI":"127.0.0.1","port":%d,"username":"%s","password":"%s"}}"""
                .formatted(servers.sftpPort(), LocalFileServers.USER, LocalFileServers.PASSWORD));
    String pg =
        create(
            "connections",
            "{\"type\":\"rdbms\",\"name\":\"pg\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\"127.0.0.1\","
                + "\"port\":5432,\"database\":\"test\",\"user\":\"postgres\",\"password\":\"\",\"concurrencyLevel\":4}}");
    String export =
        create(
            "exports",
            """
        {"name":"orders","_connectionId":"%s","pageSize":1000,"ftp":{"directoryPath":"/w6","fileNameEndsWith":".csv"},
         "file":{"type":"csv","skipDelete":true}}"""
                .formatted(sftp));
    String imp =
        create(
            "imports",
            """
        {"name":"dst","_connectionId":"%s","rdbms":{"queryType":["bulk_insert"],"bulkInsert":{"tableName":"bench_files_dst","batchSize":1000}},
         "mapping":{"fields":[{"extract":"id","generate":"id"},{"extract":"name","generate":"full_name"},
           {"extract":"{{lowercase record.email}}","generate":"email_lower"},
           {"extract":"{{multiply record.amount 100}}","generate":"amount_cents","dataType":"number"}]}}"""
                .formatted(pg));
    return create(
        "flows",
        "{\"name\":\"w6\",\"pageGenerators\":[{\"_exportId\":\""
            + export
            + "\"}],"
            + "\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
            + imp
            + "\"}]}");
  }

  private double runOnce(String flow) throws Exception {
    long t0 = System.nanoTime();
    JsonNode job = send("POST", "/v1/flows/" + flow + "/run?wait=300", "");
    if (!job.has("status")) throw new IllegalStateException("the run was refused: " + job);
    while (List.of("queued", "running").contains(job.get("status").asText())) {
      Thread.sleep(200);
      job = send("GET", "/v1/jobs/" + job.get("_id").asText(), null);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!job.get("status").asText().equals("completed") || job.path("numError").asInt() != 0) {
      throw new IllegalStateException("the flow job ended " + job);
    }
    return seconds;
  }

  private static long count() throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from bench_files_dst")) {
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
