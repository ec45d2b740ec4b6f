package io.tributary.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The real scheduler (db-scheduler, real clock) starts an every-minute flow within seconds of its
 * minute. An {@code *IT}: it waits on the wall clock for the next minute (up to 80 s).
 */
class ScheduleEndToEndIT {
  @Test
  void anEveryMinuteFlowRunsByItself() throws Exception {
    try (TestServer server = TestServer.start(false);
        LocalApi remote = new LocalApi()) {
      remote.on("GET", "/customers", req -> LocalApi.Response.ok("{\"items\":[]}"));
      ApiClient api = server.client();
      FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
      api.patch(
          "/v1/flows/" + f.flowId(),
          Json.parse("[{\"op\":\"replace\",\"path\":\"/schedule\",\"value\":\"* * * * *\"}]"));
      Instant patched = Instant.now();
      // Up to 80 s: the next minute plus the scheduler's ticks.
      JsonNode jobs =
          Waits.until(
              "a scheduled job of flow " + f.flowId(),
              Duration.ofSeconds(80),
              () -> api.get("/v1/jobs?_flowId=" + f.flowId()).json(),
              j -> !j.isEmpty());
      JsonNode job = jobs.get(jobs.size() - 1);
      assertThat(job.get("triggeredBy").asText()).isEqualTo("schedule");
      Instant created = Instant.parse(job.get("createdAt").asText());
      // Started within seconds of an exact minute (the first one after the schedule was
      // registered).
      assertThat(created).isAfter(patched);
      assertThat(created.getEpochSecond() % 60).isLessThan(10);
    }
  }
}
