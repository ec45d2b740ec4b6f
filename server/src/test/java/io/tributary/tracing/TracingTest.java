package io.tributary.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.App;
import io.tributary.Settings;
import io.tributary.metrics.MetricsSettings;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.tracing.OtlpCollector.CollectedSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Traces of a flow run reach an OTLP collector as job → page → step → request spans. */
class TracingTest {
  private static final int SPAN_KIND_CLIENT = 3;

  @Test
  void aFlowRunIsExportedAsJobPageStepAndRequestSpans() throws Exception {
    Path dir = Files.createTempDirectory("tributary-tracing");
    try (OtlpCollector collector = new OtlpCollector();
        LocalApi remote = new LocalApi()) {
      remote.on(
          "GET",
          "/items",
          r -> LocalApi.Response.ok("{\"items\":[{\"id\":1},{\"id\":2},{\"id\":3}]}"));
      remote.on("POST", "/sink", r -> LocalApi.Response.ok("{\"ok\":true}"));
      Tracing tracing =
          Tracing.fromEnv(
              Map.of(
                  "OTEL_EXPORTER_OTLP_ENDPOINT",
                  collector.endpoint(),
                  "OTEL_SERVICE_NAME",
                  "tributary-test"));
      assertThat(tracing).isNotNull();
      Settings s =
          new Settings(
              0,
              "127.0.0.1",
              dir,
              null,
              null,
              null,
              null,
              TestServer.ADMIN_TOKEN,
              TestServer.MASTER_KEY,
              1000,
              300);
      try (App app = App.start(s, Clock.systemUTC(), MetricsSettings.DEFAULT, tracing)) {
        ApiClient api = new ApiClient("http://127.0.0.1:" + app.port(), TestServer.ADMIN_TOKEN);
        FlowFixture f =
            FlowFixture.load(
                api, "logged-run", Map.of("baseUrl", remote.baseUrl(), "password", "pw"));
        ApiClient.Response run = api.post("/v1/flows/" + f.flowId() + "/run?wait=60", "");
        assertThat(run.json().path("status").asText()).as(run.body()).isEqualTo("completed");
        String jobId = run.json().get("_id").asText();
        tracing.flush();

        List<CollectedSpan> spans = collector.spans();
        assertThat(collector.contentTypes()).allMatch(t -> t.startsWith("application/x-protobuf"));
        CollectedSpan job = only(spans, "job flow");
        assertThat(job.parentId()).isNull();
        assertThat(job.attributes())
            .containsEntry("tributary.job.id", jobId)
            .containsEntry("tributary.flow.id", f.flowId())
            .containsEntry("tributary.job.status", "completed");
        assertThat(job.resource()).containsEntry("service.name", "tributary-test");
        assertThat(spans).allMatch(sp -> sp.traceId().equals(job.traceId()));

        CollectedSpan page = only(spans, "page");
        assertThat(page.parentId()).isEqualTo(job.spanId());
        CollectedSpan step = only(spans, "step import");
        assertThat(step.parentId()).isEqualTo(page.spanId());
        assertThat(step.attributes())
            .containsEntry("tributary.step.id", f.id("imports.sink"))
            .containsEntry("tributary.records.success", 3L);

        List<CollectedSpan> requests =
            spans.stream().filter(sp -> sp.name().equals("request")).toList();
        assertThat(requests)
            .allSatisfy(
                r -> {
                  assertThat(r.kind()).isEqualTo(SPAN_KIND_CLIENT);
                  assertThat(r.attributes())
                      .containsEntry("tributary.connection.id", f.id("connections.api"))
                      .containsEntry("http.response.status_code", 200L);
                });
        assertThat(requests)
            .as("the import's request, under its step")
            .anySatisfy(r -> assertThat(r.parentId()).isEqualTo(step.spanId()));
        assertThat(requests)
            .as("the source's request, under the job")
            .anySatisfy(
                r -> {
                  assertThat(r.parentId()).isEqualTo(job.spanId());
                  assertThat(r.attributes())
                      .containsEntry("tributary.step.id", f.id("exports.items"));
                });
        assertThat(spans.toString()).doesNotContain("\"id\":1").doesNotContain("pw");
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static CollectedSpan only(List<CollectedSpan> spans, String name) {
    List<CollectedSpan> named = spans.stream().filter(sp -> name.equals(sp.name())).toList();
    assertThat(named).as(name + " in " + spans).hasSize(1);
    return named.get(0);
  }

  @Test
  void withoutAnEndpointNothingIsBuilt() {
    assertThat(Tracing.fromEnv(Map.of())).isNull();
    assertThat(Tracing.fromEnv(Map.of("OTEL_SERVICE_NAME", "x"))).isNull();
    assertThat(
            Tracing.fromEnv(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://127.0.0.1:4318",
                    "OTEL_SDK_DISABLED",
                    "true")))
        .isNull();
    assertThat(
            Tracing.fromEnv(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://127.0.0.1:4318",
                    "OTEL_TRACES_EXPORTER",
                    "none")))
        .isNull();
    assertThatThrownBy(
            () ->
                Tracing.fromEnv(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://127.0.0.1:4318",
                        "OTEL_EXPORTER_OTLP_PROTOCOL",
                        "grpc")))
        .hasMessageContaining("http/protobuf");
  }
}
