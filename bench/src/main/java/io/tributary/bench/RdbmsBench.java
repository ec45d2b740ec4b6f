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

/**
 * Issue 5's workload: {@code bench_src(id, name, email, amount, updated_at)} with N rows, in the
 * local PostgreSQL or MariaDB, copied into PostgreSQL's {@code bench_dst(id, full_name,
 * email_lower, amount_cents, updated_at)} with a mapping (rename, lower-case, amount × 100), by a
 * flow (RDBMS export → bulk_insert import) on a Tributary server in a JVM of its own (heap {@code
 * BENCH_SERVER_HEAP}, default 256m), and by the hand-written {@link RdbmsReference} in another JVM,
 * once before and once after the flow; the ratio is against the mean of the two. Peak RSS (VmHWM)
 * is read from /proc for each process. {@code BENCH_SERVER_OPTS} adds JVM options to the server's
 * (a flight recording, say).
 */
final class RdbmsBench {
  private static final String PG_URL =
      "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true";
  private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private String api;

  /** One reference run: rows, seconds, peak RSS. */
  private record Run(long rows, double seconds, long peakRssKb) {
    double perSecond() {
      return rows / seconds;
    }
  }

  /** Where bench_src lives. */
  private record Source(boolean maria, String url, String user) {
    static Source named(String name) {
      return name.equals("mariadb")
          ? new Source(true, MARIADB_URL, "root")
          : new Source(false, PG_URL, "postgres");
    }

    String title() {
      return (maria ? "MariaDB" : "PostgreSQL") + " -> PostgreSQL";
    }
  }

  void run(int rows, List<String> sources) throws Exception {
    for (String name : sources) {
      Source source = Source.named(name);
      try {
        createSource(source, rows);
        sql(
            PG_URL,
            "postgres",
            "drop table if exists bench_dst",
            "create table bench_dst (id bigint primary key, full_name text, email_lower text, amount_cents bigint, updated_at timestamptz)");
        report(source, rows);
      } finally {
        sql(source.url(), source.user(), "drop table if exists bench_src");
        sql(PG_URL, "postgres", "drop table if exists bench_dst");
      }
    }
  }

  private void report(Source source, int rows) throws Exception {
    Run before = reference(source);
    sql(PG_URL, "postgres", "truncate bench_dst");
    List<Run> flows = flows(source, rows);
    sql(PG_URL, "postgres", "truncate bench_dst");
    Run after = reference(source);
    double reference = (before.perSecond() + after.perSecond()) / 2;
    System.out.printf("%n== %s, %,d rows ==%n", source.title(), rows);
    System.out.printf(
        "hand-written JDBC (fetch 1000, batches of 1000), before: %,.0f rows/s (%.1f s), peak RSS %,d MB%n",
        before.perSecond(), before.seconds(), before.peakRssKb() / 1024);
    System.out.printf(
        "hand-written JDBC, after:                             %,.0f rows/s (%.1f s), peak RSS %,d MB%n",
        after.perSecond(), after.seconds(), after.peakRssKb() / 1024);
    String[] labels = {
      "first run (cold JVM)",
      "second run (warm)   ",
      "identity preMap hook, first run (workers start)",
      "identity preMap hook, second run (warm)"
    };
    for (int i = 0; i < flows.size(); i++) {
      Run f = flows.get(i);
      System.out.printf(
          "Tributary flow, %s, -Xmx%s:  %,.0f rows/s (%.1f s), ratio %.2f%n",
          labels[i], serverHeap(), f.perSecond(), f.seconds(), f.perSecond() / reference);
    }
    System.out.printf("Tributary server peak RSS: %,d MB%n", flows.get(1).peakRssKb() / 1024);
    System.out.printf(
        "ratio flow/hand-written (warm server, mean of before and after): %.2f%n",
        flows.get(1).perSecond() / reference);
    System.out.printf(
        "ratio identity preMap hook/no hook (warm, same server): %.2f%n",
        flows.get(3).perSecond() / flows.get(1).perSecond());
  }

  private static String serverHeap() {
    return System.getenv().getOrDefault("BENCH_SERVER_HEAP", "256m");
  }

  private void createSource(Source source, int rows) throws Exception {
    if (source.maria()) {
      sql(
          MARIADB_URL,
          "root",
          "drop table if exists bench_src",
          "create table bench_src (id bigint primary key, name text, email text, amount decimal(12,2), updated_at datetime(6))",
          "insert into bench_src select seq, concat('Name ', seq), concat('User', seq, '@Example.COM'), (seq % 10000) * 1.25, "
              + "utc_timestamp(6) from seq_1_to_"
              + rows);
    } else {
      sql(
          PG_URL,
          "postgres",
          "drop table if exists bench_src",
          "create table bench_src (id bigint primary key, name text, email text, amount numeric(12,2), updated_at timestamptz)",
          "insert into bench_src select g, 'Name ' || g, 'User' || g || '@Example.COM', (g % 10000) * 1.25, now() from generate_series(1, "
              + rows
              + ") g");
    }
    sql(
        source.url(),
        source.user(),
        source.maria() ? "analyze table bench_src" : "analyze bench_src");
  }

  private static Run reference(Source source) throws Exception {
    Process p =
        new ProcessBuilder(
                ServerProcesses.java(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                RdbmsReference.class.getName(),
                source.url(),
                source.user(),
                PG_URL)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) throw new IllegalStateException("the reference program failed: " + out);
    String[] f = out.split("\\s+");
    return new Run(Long.parseLong(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2]));
  }

  /**
   * Starts a server in its own JVM and runs the flow twice: the first run pays for the JIT
   * compiling the server's code (on 2 cores the compiler threads use more CPU than the flow in a
   * cold JVM), the second is the long-running server's steady state. Each run's rows are checked in
   * bench_dst and cleared. Peak RSS is that of the server after both.
   */
  private List<Run> flows(Source source, int rows) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path data = Files.createTempDirectory("rdbms-bench");
    List<String> command = new ArrayList<>(List.of(ServerProcesses.java(), "-Xmx" + serverHeap()));
    String extra =
        System.getenv().getOrDefault("BENCH_SERVER_OPTS", "").trim(); // e.g. a flight recording
    if (!extra.isEmpty()) command.addAll(List.of(extra.split("\\s+")));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "io.tributary.Main", "serve"));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("server.log").toFile());
    pb.environment()
        .putAll(
            java.util.Map.of(
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
      String script =
          create(
              "scripts",
              "{\"name\":\"identity\",\"content\":\"function preMap(options) {"
                  + " return options.data.map(d => ({data: d})); }\"}");
      List<String> flows = List.of(createFlow(source, null), createFlow(source, script));
      List<Run> runs = new ArrayList<>();
      // Plain cold, plain warm, then with the identity preMap hook: cold (its script workers
      // start) and warm. The server is warm for the hooked runs: the ratio is of the warm runs.
      for (int i = 0; i < 4; i++) {
        double seconds = runOnce(flows.get(i / 2));
        long moved = count();
        if (moved != rows)
          throw new IllegalStateException("the flow moved " + moved + " rows of " + rows);
        sql(PG_URL, "postgres", "truncate bench_dst");
        runs.add(
            new Run(
                moved,
                seconds,
                RdbmsReference.peakRssKb(Path.of("/proc/" + server.pid() + "/status"))));
      }
      return runs;
    } finally {
      server.destroy();
      if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
        server.destroyForcibly().waitFor();
    }
  }

  /** Runs the flow and waits for its job to complete; answers the seconds it took. */
  private double runOnce(String flow) throws Exception {
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
    return seconds;
  }

  /** The flow; with {@code script}, its import runs that script's preMap as a hook. */
  private String createFlow(Source src, String script) throws Exception {
    String hooks =
        script == null
            ? ""
            : ",\"hooks\":{\"preMap\":{\"_scriptId\":\"" + script + "\",\"function\":\"preMap\"}}";
    String pg =
        create(
            "connections",
            "{\"type\":\"rdbms\",\"name\":\"pg\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\"127.0.0.1\","
                + "\"port\":5432,\"database\":\"test\",\"user\":\"postgres\",\"password\":\"\",\"concurrencyLevel\":4}}");
    String source =
        !src.maria()
            ? pg
            : create(
                "connections",
                "{\"type\":\"rdbms\",\"name\":\"maria\",\"rdbms\":{\"type\":\"mariadb\","
                    + "\"host\":\"127.0.0.1\",\"port\":3306,\"database\":\"test\",\"user\":\"root\",\"password\":\"\",\"concurrencyLevel\":4}}");
    String export =
        create(
            "exports",
            "{\"name\":\"src\",\"_connectionId\":\""
                + source
                + "\",\"pageSize\":1000,"
                + "\"rdbms\":{\"query\":\"select * from bench_src\"}}");
    String imp =
        create(
            "imports",
            """
        {"name":"dst","_connectionId":"%s","rdbms":{"queryType":["bulk_insert"],"bulkInsert":{"tableName":"bench_dst","batchSize":1000}},
         "mapping":{"fields":[{"extract":"id","generate":"id"},{"extract":"name","generate":"full_name"},
           {"extract":"{{lowercase record.email}}","generate":"email_lower"},
           {"extract":"{{multiply record.amount 100}}","generate":"amount_cents","dataType":"number"},
           {"extract":"updated_at","generate":"updated_at"}]}%s}"""
                .formatted(pg, hooks));
    return create(
        "flows",
        "{\"name\":\"bench\",\"pageGenerators\":[{\"_exportId\":\""
            + export
            + "\"}],"
            + "\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
            + imp
            + "\"}]}");
  }

  private static long count() throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from bench_dst")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(String url, String user, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, "");
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
