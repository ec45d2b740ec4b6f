package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.tiny.TinyAdaptor;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engine behaviour from JSON fixtures under {@code src/test/resources/flows/engine/}: each holds a
 * flow with its connections, exports and imports (on the in-memory {@link TinyAdaptor}, so no
 * remote system is involved) and what its run must give: {@code expect.job} and {@code
 * expect.children} (job fields by step), {@code expect.sink} (the records the import received),
 * {@code expect.sinks} (the same for sinks named {@code ${sink}-name}, as imports inside router
 * branches use) and {@code expect.errors} (open errors by step; {@code routers.id} for a router's).
 * Adding a fixture adds a test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FlowFixturesContract {
  private TestServer server;
  private ApiClient api;

  abstract boolean postgres();

  @BeforeAll
  void start() {
    server = TestServer.start(postgres());
    api = server.client();
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(FlowFixturesContract.class.getResource("/flows/engine").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .map(n -> "engine/" + n.substring(0, n.length() - 5))
              .sorted()
              .toList();
      assertThat(names).as("fixtures in flows/engine").isNotEmpty();
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void runsAsTheFixtureExpects(String name) {
    String sink = "sink-" + UUID.randomUUID();
    FlowFixture f = FlowFixture.load(api, name, Map.of("sink", sink));
    JsonNode expect = read(name).get("expect");
    ApiClient.Response r = api.post("/v1/flows/" + f.flowId() + "/run?wait=60", "");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode job = r.json();

    assertFields(job, expect.path("job"), "flow job");
    expect
        .path("children")
        .fields()
        .forEachRemaining(
            e -> assertFields(child(job, f.id(e.getKey())), e.getValue(), "job of " + e.getKey()));
    checkSink(TinyAdaptor.SINKS.getOrDefault(sink, List.of()), expect.path("sink"));
    expect
        .path("sinks")
        .fields()
        .forEachRemaining(
            e -> {
              String named = sink + "-" + e.getValue().path("sink").asText(e.getKey());
              checkSink(TinyAdaptor.SINKS.getOrDefault(named, List.of()), e.getValue());
            });
    expect.path("errors").fields().forEachRemaining(e -> checkErrors(f, e.getKey(), e.getValue()));
    assertThat(TinyAdaptor.CLOSED_SESSIONS.get(job.get("_id").asText()))
        .as("the job's tiny session was closed at its end, having seen every record imported")
        .isEqualTo(imported(sink));
  }

  /** Records imported into the fixture's sink and its named sinks ({@code ${sink}-a}, ...). */
  private static int imported(String sink) {
    int n = 0;
    for (var e : TinyAdaptor.SINKS.entrySet())
      if (e.getKey().equals(sink) || e.getKey().startsWith(sink + "-")) n += e.getValue().size();
    return n;
  }

  private static void assertFields(JsonNode actual, JsonNode expected, String what) {
    assertThat(expected.isObject() || expected.isMissingNode())
        .as("expectations of %s are an object", what)
        .isTrue();
    expected
        .fields()
        .forEachRemaining(
            e ->
                assertThat(actual.path(e.getKey()))
                    .as("%s: %s in %s", what, e.getKey(), actual)
                    .isEqualTo(e.getValue()));
  }

  private static void checkSink(List<JsonNode> received, JsonNode expect) {
    if (expect.isMissingNode()) return;
    if (expect.has("count"))
      assertThat(received).as("records imported").hasSize(expect.get("count").asInt());
    for (JsonNode wanted : expect.path("contains")) {
      String key = wanted.fieldNames().next();
      JsonNode match =
          received.stream()
              .filter(r -> r.path(key).equals(wanted.get(key)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "no imported record with "
                              + key
                              + " = "
                              + wanted.get(key)
                              + " in "
                              + received));
      assertFields(match, wanted, "imported record");
    }
    List<JsonNode> values = new ArrayList<>();
    received.forEach(r -> values.add(r.path(expect.path("field").asText("id"))));
    if (expect.has("values"))
      assertThat(values)
          .as("imported values")
          .containsExactlyInAnyOrderElementsOf(list(expect.get("values")));
    if (expect.has("excludes"))
      assertThat(values)
          .as("imported values")
          .doesNotContainAnyElementsOf(list(expect.get("excludes")));
  }

  private void checkErrors(FlowFixture f, String step, JsonNode expect) {
    // A router's errors are kept under its id: "routers.<id>" names one.
    String stepId = step.startsWith("routers.") ? step.substring(8) : f.id(step);
    ApiClient.Response listed = api.get("/v1/flows/" + f.flowId() + "/" + stepId + "/errors");
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    JsonNode errors = listed.json().get("errors");
    assertThat(errors).as("open errors of %s", step).hasSize(expect.get("count").asInt());
    List<String> codes = new ArrayList<>();
    List<String> traceKeys = new ArrayList<>();
    errors.forEach(
        e -> {
          codes.add(e.get("code").asText());
          traceKeys.add(e.get("traceKey").asText());
          assertThat(e.get("_flowJobId")).as("error's flow job").isNotNull();
        });
    if (expect.has("codes"))
      assertThat(codes)
          .as("error codes")
          .containsOnly(strings(expect.get("codes")).toArray(String[]::new));
    if (expect.has("traceKeys"))
      assertThat(traceKeys)
          .as("trace keys")
          .containsExactlyInAnyOrderElementsOf(strings(expect.get("traceKeys")));
  }

  private static JsonNode child(JsonNode flowJob, String resourceId) {
    for (JsonNode c : flowJob.get("children")) {
      if (resourceId.equals(c.path("_exportId").asText())
          || resourceId.equals(c.path("_importId").asText())) return c;
    }
    throw new AssertionError("no child job for " + resourceId + " in " + flowJob);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode read(String name) {
    try (var in = FlowFixturesContract.class.getResourceAsStream("/flows/" + name + ".json")) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
