package io.tributary.adaptors.tiny;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.JobSession;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of two SPI calls: each job session is told how its job ended before the job's
 * status is written ({@link JobSession#end}), and the failures a source reports without stopping
 * ({@code PageSource.takeErrors}) become errors of its export step while the job goes on.
 */
class JobEndTest {
  private static String flow(Fixtures fx, String connection, String exportTiny, String sink) {
    String export =
        fx.create(
            "exports",
            "{\"name\":\"e\",\"_connectionId\":\""
                + connection
                + "\",\"pageSize\":2,\"tiny\":"
                + exportTiny
                + "}");
    String imp =
        fx.create(
            "imports",
            "{\"name\":\"i\",\"_connectionId\":\""
                + connection
                + "\",\"tiny\":{\"sink\":\""
                + sink
                + "\"}}");
    return fx.create(
        "flows",
        "{\"name\":\"f\",\"pageGenerators\":[{\"_exportId\":\""
            + export
            + "\"}],"
            + "\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
            + imp
            + "\"}]}");
  }

  @Test
  void sessionsAreToldWhetherTheJobCompletedOrFailedAndSourceErrorsAreKept() {
    try (TestServer server = TestServer.start(false)) {
      ApiClient api = server.client();
      Fixtures fx = new Fixtures(api);
      String c = fx.create("connections", "{\"type\":\"tiny\",\"name\":\"t\",\"tiny\":{}}");

      String ok =
          flow(
              fx,
              c,
              "{\"generate\":5,\"sourceErrors\":[\"file b.csv: line 3 is broken\"]}",
              UUID.randomUUID().toString());
      JsonNode done = api.post("/v1/flows/" + ok + "/run?wait=60", "").json();
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
      assertThat(done.get("numSuccess").asInt()).isEqualTo(5);
      assertThat(done.get("numError").asInt()).as("the source's error, counted").isEqualTo(1);
      assertThat(TinyAdaptor.ENDED.get(done.get("_id").asText()))
          .isEqualTo(JobSession.Outcome.COMPLETED);
      String exportId =
          api.get("/v1/flows/" + ok).json().at("/pageGenerators/0/_exportId").asText();
      JsonNode errors =
          api.get("/v1/flows/" + ok + "/" + exportId + "/errors").json().get("errors");
      assertThat(errors)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.get("message").asText()).isEqualTo("file b.csv: line 3 is broken");
                assertThat(e.get("code").asText()).isEqualTo("source_part_failed");
              });

      String failing =
          flow(fx, c, "{\"generate\":5,\"failAfterPages\":1}", UUID.randomUUID().toString());
      JsonNode failed = api.post("/v1/flows/" + failing + "/run?wait=60", "").json();
      assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
      assertThat(TinyAdaptor.ENDED.get(failed.get("_id").asText()))
          .isEqualTo(JobSession.Outcome.FAILED);
    }
  }
}
