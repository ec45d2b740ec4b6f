package io.tributary.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.scripting.LogLine;
import io.tributary.scripting.ScriptTags;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /v1/scripts/:id/logs}: newest first, filters, pages, retention, 404. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptLogsTest {
  private TestServer server;
  private ApiClient api;
  private ScriptLogStore store;

  @BeforeAll
  void start() {
    server = TestServer.start(false);
    api = server.client();
    store = new ScriptLogStore(server.app().database().jdbi(), Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private String script() {
    var r =
        api.post(
            "/v1/scripts",
            Json.parse("{\"name\":\"s\",\"content\":\"function f(o) { return o; }\"}"));
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("_id").asText();
  }

  @Test
  void newestFirstWithTheirTagsFilteredByLevelAndTime() {
    String id = script();
    long now = System.currentTimeMillis();
    store.write(
        id,
        "preMap",
        new ScriptTags("flow1", "job1"),
        List.of(
            new LogLine(now - 3000, "info", "first"),
            new LogLine(now - 2000, "warn", "second"),
            new LogLine(now - 1000, "error", "third")));
    store.write(
        id,
        "postMap",
        new ScriptTags("flow1", "job2"),
        List.of(new LogLine(now - 9L * 24 * 3600 * 1000, "info", "too old")));
    JsonNode all = api.get("/v1/scripts/" + id + "/logs").json();
    assertThat(messages(all)).containsExactly("third", "second", "first");
    JsonNode third = all.get(0);
    assertThat(third.get("level").asText()).isEqualTo("error");
    assertThat(third.get("function").asText()).isEqualTo("preMap");
    assertThat(third.get("_flowId").asText()).isEqualTo("flow1");
    assertThat(third.get("_jobId").asText()).isEqualTo("job1");
    assertThat(third.get("time").asText()).endsWith("Z");

    assertThat(messages(api.get("/v1/scripts/" + id + "/logs?level=warn").json()))
        .containsExactly("second");
    String from = java.time.Instant.ofEpochMilli(now - 2500).toString();
    assertThat(messages(api.get("/v1/scripts/" + id + "/logs?from=" + from).json()))
        .containsExactly("third", "second");
    String to = java.time.Instant.ofEpochMilli(now - 2500).toString();
    assertThat(messages(api.get("/v1/scripts/" + id + "/logs?to=" + to).json()))
        .containsExactly("first");
  }

  @Test
  void pagesFollowTheLinkHeader() {
    String id = script();
    long now = System.currentTimeMillis();
    List<LogLine> lines = new ArrayList<>();
    for (int i = 0; i < 5; i++) lines.add(new LogLine(now + i, "info", "line " + i));
    store.write(id, "f", new ScriptTags(null, null), lines);
    ApiClient.Response page = api.get("/v1/scripts/" + id + "/logs?limit=2");
    List<String> seen = new ArrayList<>(messages(page.json()));
    while (page.header("Link") != null) {
      String link = page.header("Link");
      String url = link.substring(1, link.indexOf('>'));
      page = api.get(url.substring(url.indexOf("/v1/")));
      seen.addAll(messages(page.json()));
    }
    assertThat(seen).containsExactly("line 4", "line 3", "line 2", "line 1", "line 0");
  }

  @Test
  void badQueriesAnd404() {
    String id = script();
    assertThat(api.get("/v1/scripts/" + id + "/logs?level=loud").status()).isEqualTo(400);
    assertThat(api.get("/v1/scripts/" + id + "/logs?from=yesterday").status()).isEqualTo(400);
    assertThat(api.get("/v1/scripts/" + id + "/logs?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/v1/scripts/5f0000000000000000000000/logs").status()).isEqualTo(404);
  }

  @Test
  void deletingTheScriptDropsItsLogs() {
    String id = script();
    store.write(
        id,
        "f",
        new ScriptTags(null, null),
        List.of(new LogLine(System.currentTimeMillis(), "info", "x")));
    assertThat(api.delete("/v1/scripts/" + id).status()).isEqualTo(204);
    Long left =
        server
            .app()
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from script_logs where script_id = :s")
                        .bind("s", id)
                        .mapTo(Long.class)
                        .one());
    assertThat(left).isZero();
  }

  private static List<String> messages(JsonNode lines) {
    List<String> out = new ArrayList<>();
    lines.forEach(l -> out.add(l.get("message").asText()));
    return out;
  }
}
