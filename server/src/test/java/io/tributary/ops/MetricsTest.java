package io.tributary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after a real flow run and real API calls: the series, their labels and their
 * values.
 */
class MetricsTest {
  private TestServer server;
  private ApiClient api;
  private LocalApi remote;

  @BeforeEach
  void start() {
    server = TestServer.start(false);
    api = server.client();
    remote = new LocalApi();
    remote.on(
        "GET",
        "/items",
        req -> LocalApi.Response.ok("{\"items\":[{\"id\":1},{\"id\":2},{\"id\":3}]}"));
    remote.on(
        "POST",
        "/sink",
        req ->
            Json.read(req.body()).path("id").asInt() == 3
                ? LocalApi.Response.json(422, "{\"message\":\"no room for 3\"}")
                : LocalApi.Response.json(201, "{\"id\":\"ok\"}"));
  }

  @AfterEach
  void stop() {
    remote.close();
    server.close();
  }

  @Test
  void aRunAndApiCallsShowUpWithBoundedLabels() {
    FlowFixture f =
        FlowFixture.load(api, "logged-run", Map.of("baseUrl", remote.baseUrl(), "password", "pw"));
    ApiClient.Response run = api.post("/v1/flows/" + f.flowId() + "/run?wait=60", "");
    assertThat(run.json().path("status").asText()).as(run.body()).isEqualTo("completed");
    assertThat(api.get("/v1/flows/" + f.flowId()).status()).isEqualTo(200);
    assertThat(api.get("/v1/flows/0123456789abcdef01234567").status()).isEqualTo(404);
    assertThat(api.get("/v1/no/such/path").status()).isEqualTo(404);

    String text = scrape();
    String exportId = f.id("exports.items");
    String importId = f.id("imports.sink");
    String connectionId = f.id("connections.api");
    assertThat(value(text, "tributary_jobs_started_total", "type=\"flow\"")).isEqualTo(1);
    assertThat(value(text, "tributary_jobs_finished_total", "status=\"completed\",type=\"flow\""))
        .isEqualTo(1);
    assertThat(
            value(
                text,
                "tributary_records_total",
                "kind=\"export\",outcome=\"success\",step=\"" + exportId + "\""))
        .isEqualTo(3);
    assertThat(
            value(
                text,
                "tributary_records_total",
                "kind=\"import\",outcome=\"success\",step=\"" + importId + "\""))
        .isEqualTo(2);
    assertThat(
            value(
                text,
                "tributary_records_total",
                "kind=\"import\",outcome=\"error\",step=\"" + importId + "\""))
        .isEqualTo(1);
    assertThat(value(text, "tributary_pages_seconds_count", "")).isEqualTo(1);
    assertThat(
            value(
                text,
                "tributary_connection_requests_seconds_count",
                "connection=\"" + connectionId + "\",status_class=\"2xx\""))
        .isEqualTo(3); // one GET of the source, two accepted POSTs
    assertThat(
            value(
                text,
                "tributary_connection_requests_seconds_count",
                "connection=\"" + connectionId + "\",status_class=\"4xx\""))
        .isEqualTo(1);
    assertThat(value(text, "tributary_errors_open", "")).isEqualTo(1);
    assertThat(
            value(
                text,
                "tributary_http_requests_seconds_count",
                "method=\"GET\",route=\"/v1/flows/{id}\",status=\"200\""))
        .isEqualTo(1);
    assertThat(
            value(
                text,
                "tributary_http_requests_seconds_count",
                "method=\"GET\",route=\"/v1/flows/{id}\",status=\"404\""))
        .isEqualTo(1);
    assertThat(
            value(
                text,
                "tributary_http_requests_seconds_count",
                "method=\"GET\",route=\"unmatched\",status=\"404\""))
        .isEqualTo(1);
    assertThat(value(text, "tributary_db_pool_connections", "state=\"total\"")).isGreaterThan(0);
    assertThat(value(text, "jvm_memory_used_bytes", "area=\"heap\",id=\"G1 Eden Space\""))
        .isGreaterThanOrEqualTo(0);
    // Bounded labels: no raw path, no record data, no secret.
    assertThat(text)
        .doesNotContain("route=\"/v1/flows/" + f.flowId())
        .doesNotContain("/v1/no/such/path")
        .doesNotContain("no room for 3")
        .doesNotContain("\"pw\"");
  }

  @Test
  void storeStatementsAndCommitsCountWhatARunAsksOfTheStore() {
    FlowFixture f =
        FlowFixture.load(api, "logged-run", Map.of("baseUrl", remote.baseUrl(), "password", "pw"));
    String before = scrape();
    ApiClient.Response run = api.post("/v1/flows/" + f.flowId() + "/run?wait=60", "");
    assertThat(run.json().path("status").asText()).as(run.body()).isEqualTo("completed");
    String after = scrape();
    double statements =
        value(after, "tributary_store_statements_total", "")
            - value(before, "tributary_store_statements_total", "");
    double commits =
        value(after, "tributary_store_commits_total", "")
            - value(before, "tributary_store_commits_total", "");
    // A run claims its job, writes its checkpoint with its counters and ends its jobs: each a
    // transaction of its own, each of several statements.
    assertThat(commits).isGreaterThanOrEqualTo(3);
    assertThat(statements).isGreaterThan(commits);
  }

  @Test
  void metricsNeedATokenByDefault() {
    ApiClient anonymous = api.withToken(null);
    ApiClient.Response r = anonymous.get("/metrics");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.errorCode()).isEqualTo("unauthorized");
    assertThat(api.get("/metrics").status()).isEqualTo(200);
  }

  private String scrape() {
    ApiClient.Response r = api.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    return r.body();
  }

  /**
   * The value of the one series {@code name{labels}} (labels sorted as Prometheus prints them);
   * fails when absent.
   */
  static double value(String text, String name, String labels) {
    String series = labels.isEmpty() ? name : name + "{" + labels;
    Pattern p =
        Pattern.compile(
            "^" + Pattern.quote(series) + (labels.isEmpty() ? "" : "[^}]*\\}") + " (\\S+)$",
            Pattern.MULTILINE);
    Matcher m = p.matcher(text);
    List<String> found = m.results().map(r -> r.group(1)).toList();
    assertThat(found)
        .as(
            "series %s{%s} in:\n%s",
            name, labels, text.lines().filter(l -> l.startsWith(name)).toList())
        .hasSize(1);
    return Double.parseDouble(found.get(0));
  }
}
