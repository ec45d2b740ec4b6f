package io.tributary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real run's log lines, as the production Logback configuration prints them, in both formats. */
class LoggingTest {
  private static final String PASSWORD = "pa55-w0rd-never-logged";
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
    // The credentials are refused: the import step fails as a whole, which the engine logs.
    remote.on(
        "POST", "/sink", req -> LocalApi.Response.json(401, "{\"message\":\"bad credentials\"}"));
  }

  @AfterEach
  void stop() {
    remote.close();
    server.close();
  }

  @Test
  void textLinesOfARunCarryTheFlowJobAndStepIds() {
    try (LogCapture logs = new LogCapture("text")) {
      Run run = failingRun();
      List<String> engine = engineLines(logs.lines());
      assertThat(engine).as("engine lines").hasSizeGreaterThanOrEqualTo(3);
      for (String line : engine) {
        assertThat(line).contains("flowId=" + run.flowId).contains("jobId=" + run.jobId);
      }
      assertThat(engine)
          .anySatisfy(
              l -> assertThat(l).contains("import failed").contains("stepId=" + run.importId));
      assertThat(engine).anySatisfy(l -> assertThat(l).contains("flow job started"));
      assertThat(engine).anySatisfy(l -> assertThat(l).contains("flow job ended: FAILED"));
      assertNoSecret(logs.lines());
    }
  }

  @Test
  void jsonFormatPrintsOneParsableObjectALineWithTheIdsAsFields() {
    try (LogCapture logs = new LogCapture("json")) {
      Run run = failingRun();
      List<JsonNode> engine = new ArrayList<>();
      for (String line : logs.lines()) {
        if (!line.startsWith("{\"@timestamp\""))
          continue; // other output on standard error is not the encoder's
        JsonNode json = Json.read(line); // throws when a line is not one JSON object
        assertThat(json.path("message").isTextual()).as(line).isTrue();
        if (json.path("logger_name").asText().startsWith("io.tributary.engine.")) engine.add(json);
      }
      assertThat(engine).hasSizeGreaterThanOrEqualTo(3);
      for (JsonNode line : engine) {
        assertThat(line.path("flowId").asText()).as(line.toString()).isEqualTo(run.flowId);
        assertThat(line.path("jobId").asText()).as(line.toString()).isEqualTo(run.jobId);
      }
      assertThat(engine)
          .anySatisfy(
              l -> {
                assertThat(l.path("message").asText()).startsWith("import failed");
                assertThat(l.path("stepId").asText()).isEqualTo(run.importId);
                assertThat(l.path("level").asText()).isEqualTo("WARN");
              });
      assertNoSecret(logs.lines());
    }
  }

  @Test
  void aFailingSourceIsNamedAsTheStepOfItsLine() {
    remote.on("GET", "/items", req -> LocalApi.Response.json(403, "{\"message\":\"no\"}"));
    try (LogCapture logs = new LogCapture("text")) {
      FlowFixture f =
          FlowFixture.load(
              api, "logged-run", Map.of("baseUrl", remote.baseUrl(), "password", PASSWORD));
      ApiClient.Response r = api.post("/v1/flows/" + f.flowId() + "/run?wait=60", "");
      assertThat(r.json().path("status").asText()).as(r.body()).isEqualTo("failed");
      List<String> engine = engineLines(logs.lines());
      assertThat(engine)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("source")
                      .contains("failed")
                      .contains("stepId=" + f.id("exports.items"))
                      .contains("jobId=" + r.json().path("_id").asText()));
      assertNoSecret(logs.lines());
    }
  }

  private record Run(String flowId, String jobId, String importId) {}

  private Run failingRun() {
    FlowFixture f =
        FlowFixture.load(
            api, "logged-run", Map.of("baseUrl", remote.baseUrl(), "password", PASSWORD));
    ApiClient.Response r = api.post("/v1/flows/" + f.flowId() + "/run?wait=60", "");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).as(r.body()).isEqualTo("failed");
    assertThat(remote.requests("POST", "/sink")).as("the import was tried").isNotEmpty();
    return new Run(f.flowId(), r.json().path("_id").asText(), f.id("imports.sink"));
  }

  private static List<String> engineLines(List<String> lines) {
    return lines.stream()
        .filter(l -> l.matches(".* (INFO|WARN|ERROR) +i\\.t\\.engine\\..*"))
        .toList();
  }

  private static void assertNoSecret(List<String> lines) {
    String basic =
        Base64.getEncoder()
            .encodeToString(("operator:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(lines).isNotEmpty();
    for (String line : lines) assertThat(line).doesNotContain(PASSWORD).doesNotContain(basic);
  }
}
