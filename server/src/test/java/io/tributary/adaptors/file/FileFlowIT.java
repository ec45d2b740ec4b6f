package io.tributary.adaptors.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tributary.adaptors.file.testing.LocalFileServers;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flows over the API between real file servers: CSV files on sshd (SFTP) → mapping → one CSV file
 * per job on vsftpd (FTP), a malformed file among good ones, and a refused login that takes the
 * connection offline. The server knows the {@code ftp} type only from the file adaptor's
 * descriptor.
 */
class FileFlowIT {
  private static LocalFileServers servers;

  @BeforeAll
  static void start() throws Exception {
    servers = LocalFileServers.create().startSftp().startFtp();
  }

  @AfterAll
  static void stop() {
    if (servers != null) servers.close();
  }

  private static String sftp(String password) {
    return """
        {"type":"ftp","name":"partner sftp","ftp":{"type":"sftp","hostURI":"127.0.0.1","port":%d,"username":"%s","password":"%s"}}"""
        .formatted(servers.sftpPort(), LocalFileServers.USER, password);
  }

  private static String ftp() {
    return """
        {"type":"ftp","name":"erp ftp","ftp":{"type":"ftp","hostURI":"127.0.0.1","port":%d,"username":"%s","password":"%s","usePassiveMode":true}}"""
        .formatted(servers.ftpPort(), LocalFileServers.USER, LocalFileServers.PASSWORD);
  }

  private static String flow(Fixtures fx, String export, String imp) {
    return fx.create(
        "flows",
        "{\"name\":\"f\",\"pageGenerators\":[{\"_exportId\":\""
            + fx.create("exports", export)
            + "\"}],\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
            + fx.create("imports", imp)
            + "\"}]}");
  }

  @Test
  void csvFilesOnSftpArriveMappedInOneFileOnFtpAndAMalformedFileIsAnErrorNamingIt()
      throws Exception {
    Path in = servers.directory("e2e/in");
    Path out = servers.directory("e2e/out");
    Files.writeString(in.resolve("orders-1.csv"), "id,name,amount\n1,Ada,10\n2,Bob,20\n3,Cy,30\n");
    Files.writeString(in.resolve("orders-2.csv"), "id,name,amount\n4,Di,40\n\"5,Ed,50\n");
    Files.writeString(in.resolve("orders-3.csv"), "id,name,amount\n6,Flo,60\n");
    try (TestServer server = TestServer.start(false)) {
      ApiClient api = server.client();
      Fixtures fx = new Fixtures(api);
      ApiClient.Response created = api.post("/v1/connections", sftp(LocalFileServers.PASSWORD));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(created.json().at("/ftp/password").asText())
          .as("a declared secret, masked")
          .isEqualTo("******");
      String source = created.json().get("_id").asText();
      String target = fx.create("connections", ftp());
      assertThat(api.get("/v1/connections/" + source + "/ping").json().get("code").asInt())
          .isEqualTo(200);

      String flow =
          flow(
              fx,
              """
          {"name":"orders","_connectionId":"%s","pageSize":2,"ftp":{"directoryPath":"/e2e/in","fileNameStartsWith":"orders-"},
           "file":{"type":"csv","csv":{"columnDelimiter":",","hasHeaderRow":true}}}"""
                  .formatted(source),
              """
          {"name":"to erp","_connectionId":"%s","ftp":{"directoryPath":"/e2e/out","fileName":"erp-{{job._id}}.csv"},"file":{"type":"csv"},
           "mapping":{"fields":[{"extract":"id","generate":"order"},{"extract":"{{uppercase record.name}}","generate":"customer"}]}}"""
                  .formatted(target));
      JsonNode exp = api.get("/v1/exports").json();
      assertThat(exp.toString()).contains("FTPExport");

      JsonNode job = api.post("/v1/flows/" + flow + "/run?wait=120", "").json();
      assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
      assertThat(job.get("numExport").asInt()).as(job.toString()).isEqualTo(5);
      assertThat(job.get("numSuccess").asInt()).isEqualTo(5);
      assertThat(job.get("numError").asInt()).as("the malformed file").isEqualTo(1);

      String jobId = job.get("_id").asText();
      assertThat(names(out)).containsExactly("erp-" + jobId + ".csv");
      assertThat(Files.readString(out.resolve("erp-" + jobId + ".csv")))
          .isEqualTo("order,customer\n1,ADA\n2,BOB\n3,CY\n4,DI\n6,FLO\n");
      assertThat(names(in))
          .as("files read through are removed; the malformed one stays")
          .containsExactly("orders-2.csv");

      String exportId =
          api.get("/v1/flows/" + flow).json().at("/pageGenerators/0/_exportId").asText();
      JsonNode errors =
          api.get("/v1/flows/" + flow + "/" + exportId + "/errors").json().get("errors");
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0).get("message").asText())
          .contains("/e2e/in/orders-2.csv")
          .contains("line 3");
    }
  }

  @Test
  void aRefusedLoginFailsTheJobAndTakesTheConnectionOffline() throws Exception {
    servers.directory("e2e-auth/in");
    try (TestServer server = TestServer.start(false)) {
      ApiClient api = server.client();
      Fixtures fx = new Fixtures(api);
      String source = fx.create("connections", sftp("not-the-password"));
      String target = fx.create("connections", ftp());
      String flow =
          flow(
              fx,
              """
          {"name":"orders","_connectionId":"%s","ftp":{"directoryPath":"/e2e-auth/in"},"file":{"type":"csv"}}"""
                  .formatted(source),
              """
          {"name":"to erp","_connectionId":"%s","ftp":{"directoryPath":"/e2e-auth","fileName":"x.csv"},"file":{"type":"csv"}}"""
                  .formatted(target));
      JsonNode job = api.post("/v1/flows/" + flow + "/run?wait=120", "").json();
      assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("failed");
      assertThat(job.toString()).contains("refused the login");
      assertThat(api.get("/v1/connections/" + source).json().get("offline").asBoolean()).isTrue();
      assertThat(api.get("/v1/connections/" + target).json().path("offline").asBoolean(false))
          .isFalse();
    }
  }

  /**
   * A job stopped mid-way (the server stops and hands it over) had written part of its file under a
   * temporary name, which the resumed run cannot add to: the hand-over removes that temporary, the
   * resumed job starts its source over, and the one file it makes holds every record once (D26).
   */
  @Test
  void aJobHandedOverWhileWritingAFileStartsOverAndItsFileHoldsEveryRecordOnce() throws Exception {
    int pages = 30;
    Path out = servers.directory("e2e-handover/out");
    try (LocalApi remote = new LocalApi();
        TestServer server = TestServer.start(false)) {
      serveItems(remote, pages * 20, 150); // a slow source: the job lasts a few seconds
      ApiClient api = server.client();
      Fixtures fx = new Fixtures(api);
      String source = httpConnection(fx, remote);
      String target = fx.create("connections", sftp(LocalFileServers.PASSWORD));
      String flow =
          flow(
              fx,
              """
          {"name":"items","_connectionId":"%s","pageSize":20,"http":{"method":"GET","relativeURI":"/items?page={{export.http.paging.page}}",
           "paging":{"method":"page","page":1},"response":{"resourcePath":"items"}}}"""
                  .formatted(source),
              """
          {"name":"to file","_connectionId":"%s","ftp":{"directoryPath":"/e2e-handover/out","fileName":"items-{{job._id}}.csv"},"file":{"type":"csv"}}"""
                  .formatted(target));
      String job = api.post("/v1/flows/" + flow + "/run", "").json().get("_jobId").asText();
      Waits.until(
          "job " + job + " to write a few pages",
          Duration.ofSeconds(60),
          () -> api.get("/v1/jobs/" + job).json(),
          j -> j.path("numPagesProcessed").asInt() >= 3);
      JsonNode done = restartAndAwaitEnd(server, job);
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
      assertThat(done.get("numSuccess").asInt()).as(done.toString()).isEqualTo(pages * 20);
      assertThat(done.path("restartedFromBeginning").asText()).contains("files");
      assertThat(names(out)).containsExactly("items-" + job + ".csv");
      List<String> lines = Files.readAllLines(out.resolve("items-" + job + ".csv"));
      assertThat(lines.get(0)).isEqualTo("id");
      assertThat(lines.subList(1, lines.size()))
          .as("every record once, in the file")
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.rangeClosed(1, pages * 20)
                  .mapToObj(String::valueOf)
                  .toList());
    }
  }

  /**
   * The same for a retry job: its records go through an HTTP import and then into a file; stopped
   * mid-way, it had written part of the file and resolved the errors of those chunks. The resumed
   * retry opens them again and replays every record, so its one file holds every record once.
   */
  @Test
  void aRetryHandedOverWhileWritingAFileReplaysEveryRecordIntoOneFile() throws Exception {
    int records = 200;
    Path out = servers.directory("e2e-retry/out");
    java.util.concurrent.atomic.AtomicBoolean refusing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    try (LocalApi remote = new LocalApi();
        TestServer server = TestServer.start(false)) {
      serveItems(remote, records, 0);
      remote.on(
          "POST",
          "/sink",
          req -> {
            if (refusing.get()) return LocalApi.Response.json(400, "{\"message\":\"refused\"}");
            try {
              Thread.sleep(40); // a slow sink: the retry lasts a few seconds
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return LocalApi.Response.json(201, "{\"id\":\"x\"}");
          });
      ApiClient api = server.client();
      Fixtures fx = new Fixtures(api);
      String http = httpConnection(fx, remote);
      String sftp = fx.create("connections", sftp(LocalFileServers.PASSWORD));
      String export =
          fx.create(
              "exports",
              """
          {"name":"items","_connectionId":"%s","pageSize":20,"http":{"method":"GET","relativeURI":"/items?page={{export.http.paging.page}}",
           "paging":{"method":"page","page":1},"response":{"resourcePath":"items"}}}"""
                  .formatted(http));
      String sink =
          fx.create(
              "imports",
              """
          {"name":"sink","_connectionId":"%s","http":{"method":["POST"],"relativeURI":["/sink"],"response":{"resourceIdPath":["id"]}}}"""
                  .formatted(http));
      String file =
          fx.create(
              "imports",
              """
          {"name":"to file","_connectionId":"%s","ftp":{"directoryPath":"/e2e-retry/out","fileName":"retried-{{job._id}}.csv"},"file":{"type":"csv"}}"""
                  .formatted(sftp));
      String flow =
          fx.create(
              "flows",
              "{\"name\":\"f\",\"pageGenerators\":[{\"_exportId\":\""
                  + export
                  + "\"}],\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
                  + sink
                  + "\"},{\"type\":\"import\",\"_importId\":\""
                  + file
                  + "\"}]}");
      JsonNode first = api.post("/v1/flows/" + flow + "/run?wait=120", "").json();
      assertThat(first.get("numError").asInt()).as(first.toString()).isEqualTo(records);
      List<String> open =
          server
              .app()
              .database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("select id from record_errors where resolved_at is null")
                          .mapTo(String.class)
                          .list());
      refusing.set(false);
      ApiClient.Response asked =
          api.post(
              "/v1/flows/" + flow + "/" + sink + "/retry",
              Json.object().set("errors", Json.MAPPER.valueToTree(open)).toString());
      assertThat(asked.status()).as(asked.body()).isEqualTo(201);
      String job = asked.json().get("_jobId").asText();
      Waits.until(
          "retry " + job + " to replay a few chunks",
          Duration.ofSeconds(60),
          () -> api.get("/v1/jobs/" + job).json(),
          j -> j.path("numSuccess").asInt() >= 40);
      JsonNode done = restartAndAwaitEnd(server, job);
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
      assertThat(done.get("numSuccess").asInt()).as(done.toString()).isEqualTo(records);
      assertThat(done.path("restartedFromBeginning").asText()).contains("files");
      assertThat(names(out)).contains("retried-" + job + ".csv");
      assertThat(names(out)).noneMatch(n -> n.endsWith(".tmp"));
      List<String> lines = Files.readAllLines(out.resolve("retried-" + job + ".csv"));
      assertThat(lines.subList(1, lines.size()))
          .as("every record once, in the retry's file")
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.rangeClosed(1, records)
                  .mapToObj(String::valueOf)
                  .toList());
      assertThat(
              server
                  .client()
                  .get("/v1/flows/" + flow + "/" + sink + "/errors")
                  .json()
                  .get("errors"))
          .isEmpty();
    }
  }

  /** Pages of 20 items with ids 1..{@code records} at {@code GET /items?page=n}. */
  private static void serveItems(LocalApi remote, int records, long delayMillis) {
    remote.on(
        "GET",
        "/items",
        req -> {
          int page = Integer.parseInt(req.param("page"));
          ArrayNode items = Json.MAPPER.createArrayNode();
          for (int i = (page - 1) * 20 + 1; i <= Math.min(records, page * 20); i++)
            items.addObject().put("id", i);
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return LocalApi.Response.ok(Json.object().set("items", items).toString());
        });
  }

  private static String httpConnection(Fixtures fx, LocalApi remote) {
    return fx.create(
        "connections",
        "{\"type\":\"http\",\"name\":\"api\",\"http\":{\"baseURI\":\""
            + remote.baseUrl()
            + "\",\"mediaType\":\"json\"}}");
  }

  /** A clean stop hands the job over; the restarted server resumes it: the job once it ended. */
  private static JsonNode restartAndAwaitEnd(TestServer server, String job) {
    server.restart();
    ApiClient again = server.client();
    return Waits.until(
        "job " + job + " to end",
        Duration.ofSeconds(90),
        () -> again.get("/v1/jobs/" + job).json(),
        j -> List.of("completed", "failed", "canceled").contains(j.get("status").asText()));
  }

  private static List<String> names(Path d) throws Exception {
    try (var s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
