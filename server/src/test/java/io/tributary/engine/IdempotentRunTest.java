package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.ApiClient;
import io.tributary.testing.MutableClock;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 6: a run request retried with its Idempotency-Key answers the first request's job
 * instead of starting another run.
 */
class IdempotentRunTest {
  private final MutableClock clock = new MutableClock(Instant.now());
  private final HttpClient http = HttpClient.newHttpClient();
  private TestServer server;
  private ApiClient api;
  private String flowId;

  @BeforeEach
  void start() {
    server = TestServer.start(false, clock);
    api = server.client();
    String c = create("connections", "{\"type\":\"wrapper\",\"name\":\"scripted\"}");
    String e =
        create(
            "exports",
            "{\"name\":\"src\",\"_connectionId\":\""
                + c
                + "\",\"adaptorType\":\"WrapperExport\",\"wrapper\":{\"records\":5}}");
    String i =
        create(
            "imports",
            "{\"name\":\"dst\",\"_connectionId\":\""
                + c
                + "\",\"adaptorType\":\"WrapperImport\",\"wrapper\":{}}");
    flowId =
        create(
            "flows",
            "{\"name\":\"f\",\"pageGenerators\":[{\"_exportId\":\""
                + e
                + "\"}],"
                + "\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
                + i
                + "\"}]}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String create(String kind, String json) {
    ApiClient.Response r = api.post("/v1/" + kind, Json.parse(json));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("_id").asText();
  }

  private HttpResponse<String> run(String token, String key, String query, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.base() + "/v1/flows/" + flowId + "/run" + query))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) b.header("Idempotency-Key", key);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String jobId(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Json.parse(r.body()).get("_jobId").asText();
  }

  private int flowJobs() {
    return api.get("/v1/jobs?_flowId=" + flowId + "&type=flow").json().size();
  }

  @Test
  void theSameKeyAnswersTheSameJob() {
    String admin = TestServer.ADMIN_TOKEN;
    String first = jobId(run(admin, "order-42", "", ""));
    assertThat(jobId(run(admin, "order-42", "", ""))).isEqualTo(first);
    HttpResponse<String> waited = run(admin, "order-42", "?wait=30", "");
    assertThat(waited.statusCode()).isEqualTo(200);
    assertThat(Json.parse(waited.body()).get("_id").asText()).isEqualTo(first);
    assertThat(flowJobs()).isEqualTo(1);

    assertThat(jobId(run(admin, "order-43", "", ""))).isNotEqualTo(first);
    assertThat(jobId(run(admin, null, "", ""))).isNotEqualTo(first);
    assertThat(flowJobs()).isEqualTo(3);
  }

  @Test
  void keysBelongToOneTokenAndOneRequestBody() {
    String first = jobId(run(TestServer.ADMIN_TOKEN, "k", "", ""));
    HttpResponse<String> otherBody = run(TestServer.ADMIN_TOKEN, "k", "", "{\"params\":{\"a\":1}}");
    assertThat(otherBody.statusCode()).as(otherBody.body()).isEqualTo(422);
    String other =
        api.post("/v1/accesstokens", Json.parse("{\"name\":\"other\"}"))
            .json()
            .get("token")
            .asText();
    assertThat(jobId(run(other, "k", "", ""))).isNotEqualTo(first);
    assertThat(run(TestServer.ADMIN_TOKEN, "x".repeat(256), "", "").statusCode()).isEqualTo(400);
    assertThat(flowJobs()).isEqualTo(2);
  }

  @Test
  void concurrentRequestsWithOneKeyStartOneRun() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++)
      calls.add(CompletableFuture.supplyAsync(() -> run(TestServer.ADMIN_TOKEN, "same", "", "")));
    Set<String> ids = new HashSet<>();
    for (var c : calls) ids.add(jobId(c.get()));
    assertThat(ids).hasSize(1);
    assertThat(flowJobs()).isEqualTo(1);
  }

  @Test
  void aKeyIsForgottenAfterADay() {
    String first = jobId(run(TestServer.ADMIN_TOKEN, "daily", "", ""));
    clock.advance(Duration.ofHours(25));
    assertThat(jobId(run(TestServer.ADMIN_TOKEN, "daily", "", ""))).isNotEqualTo(first);
    long kept =
        server
            .app()
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from run_idempotency_keys")
                        .mapTo(Long.class)
                        .one());
    assertThat(kept).as("the day-old key was purged").isEqualTo(1);
  }
}
