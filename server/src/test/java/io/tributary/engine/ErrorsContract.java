package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.errors.ErrorStore;
import io.tributary.errors.RecordFailure;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Error management over HTTP: list, edit, retry, resolve, purge, trace keys, skipRetries, paging.
 */
abstract class ErrorsContract extends EngineTestBase {

  private String base(FlowFixture f) {
    return "/v1/flows/" + f.flowId() + "/" + f.id("imports.sink");
  }

  private JsonNode open(FlowFixture f) {
    return api.get(base(f) + "/errors").json().get("errors");
  }

  @Test
  void anEditedRecordIsRetriedToSuccessAndAnUneditedOneFailsAgain() throws Exception {
    FlowFixture f = rejectingSink(30, 10, false);
    JsonNode job = runAndWait(f.flowId(), null);
    JsonNode errors = open(f);
    assertThat(errors).hasSize(3);
    JsonNode first = errors.get(0);
    String key = first.get("retryDataKey").asText();

    JsonNode data = api.get(base(f) + "/" + key + "/data").json().get("data");
    ((ObjectNode) data).put("id", 31);
    assertThat(api.put(base(f) + "/" + key + "/data", Json.object().set("data", data)).status())
        .isEqualTo(200);
    ApiClient.Response retry =
        api.post(base(f) + "/retry", "{\"retryDataKeys\":[\"" + key + "\"]}");
    assertThat(retry.status()).as(retry.body()).isEqualTo(201);
    JsonNode retryJob = waitFor(retry.json().get("_jobId").asText());
    assertThat(retryJob.get("type").asText()).isEqualTo("retry");
    assertThat(retryJob.get("status").asText()).isEqualTo("completed");
    assertThat(retryJob.get("numSuccess").asInt()).isEqualTo(1);
    assertThat(sunk.stream().anyMatch(r -> r.get("customerId").asInt() == 31)).isTrue();
    assertThat(open(f)).hasSize(2);
    JsonNode resolved = api.get(base(f) + "/resolved").json().get("errors");
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).get("errorId").asText()).isEqualTo(first.get("errorId").asText());
    assertThat(api.get("/v1/jobs/" + job.get("_id").asText()).json().get("numOpenError").asInt())
        .isEqualTo(2);

    String again = open(f).get(0).get("errorId").asText();
    JsonNode failedAgain =
        waitFor(
            api.post(base(f) + "/retry", "{\"errors\":[\"" + again + "\"]}")
                .json()
                .get("_jobId")
                .asText());
    assertThat(failedAgain.get("numError").asInt()).isEqualTo(1);
    JsonNode stillOpen = open(f);
    assertThat(stillOpen).hasSize(2);
    assertThat(stillOpen.findValuesAsText("errorId")).doesNotContain(again);
    assertThat(api.get(base(f) + "/resolved").json().get("errors").findValuesAsText("errorId"))
        .contains(again);
  }

  @Test
  void errorsAreResolvedPurgedAndRefusedForRetryOnceResolved() {
    FlowFixture f = rejectingSink(30, 10, false);
    runAndWait(f.flowId(), null);
    String one = open(f).get(0).get("errorId").asText();
    assertThat(api.put(base(f) + "/resolved", "{\"errors\":[\"" + one + "\"]}").status())
        .isEqualTo(204);
    assertThat(open(f)).hasSize(2);
    ApiClient.Response retryResolved =
        api.post(base(f) + "/retry", "{\"errors\":[\"" + one + "\"]}");
    assertThat(retryResolved.status()).isEqualTo(422);
    assertThat(retryResolved.body()).contains(one);
    assertThat(
            api.put(base(f) + "/resolved", "{\"errors\":[\"0123456789abcdef01234567\"]}").status())
        .isEqualTo(422);
    assertThat(api.post(base(f) + "/retry", "{\"retryDataKeys\":[\"nope\"]}").status())
        .isEqualTo(422);

    JsonNode summary = api.get("/v1/flows/" + f.flowId() + "/errors").json().get("flowErrors");
    assertThat(summary.get(0).get("_expOrImpId").asText()).isEqualTo(f.id("imports.sink"));
    assertThat(summary.get(0).get("numError").asInt()).isEqualTo(2);

    List<String> rest = open(f).findValuesAsText("errorId");
    assertThat(
            api.put(
                    base(f) + "/resolved",
                    Json.object().set("errors", Json.MAPPER.valueToTree(rest)))
                .status())
        .isEqualTo(204);
    assertThat(open(f)).isEmpty();
    assertThat(api.get(base(f) + "/resolved").json().get("errors")).hasSize(3);
    assertThat(api.delete(base(f) + "/resolved").status()).isEqualTo(204);
    assertThat(api.get(base(f) + "/resolved").json().get("errors")).isEmpty();
  }

  @Test
  void nothingIsResolvedOrRetriedUnlessNamed() {
    FlowFixture f = rejectingSink(30, 10, false);
    runAndWait(f.flowId(), null);
    String one = open(f).get(0).get("errorId").asText();
    ApiClient.Response typo = api.put(base(f) + "/resolved", "{\"errorsIds\":[\"" + one + "\"]}");
    assertThat(typo.status()).as(typo.body()).isEqualTo(400);
    assertThat(typo.errorFields()).containsExactly("errorsIds");
    assertThat(
            api.put(base(f) + "/resolved", "{\"errors\":[\"" + one + "\"],\"all\":true}").status())
        .isEqualTo(400);
    assertThat(api.put(base(f) + "/resolved", "{\"errors\":[]}").status()).isEqualTo(400);
    assertThat(api.put(base(f) + "/resolved", "{}").status()).isEqualTo(422);
    assertThat(api.put(base(f) + "/resolved", "").status()).isEqualTo(422);
    assertThat(api.put(base(f) + "/resolved", "[\"" + one + "\"]").status()).isEqualTo(400);
    assertThat(open(f)).as("nothing resolved").hasSize(3);

    ApiClient.Response retryTypo =
        api.post(base(f) + "/retry", "{\"errorsIds\":[\"" + one + "\"]}");
    assertThat(retryTypo.status()).as(retryTypo.body()).isEqualTo(400);
    assertThat(retryTypo.errorFields()).containsExactly("errorsIds");
    assertThat(api.post(base(f) + "/retry", "{\"retryDataKey\":[\"x\"]}").status()).isEqualTo(400);
    assertThat(api.post(base(f) + "/retry", "{}").status()).isEqualTo(422);
    assertThat(api.post(base(f) + "/retry", "{\"errors\":[]}").status()).isEqualTo(400);
    assertThat(api.get("/v1/jobs?_flowId=" + f.flowId() + "&type=retry").json())
        .as("no retry job")
        .isEmpty();
    assertThat(open(f)).hasSize(3);
  }

  @Test
  void aLaterSuccessOfTheSameTraceKeyResolvesItsErrors() {
    FlowFixture f = rejectingSink(12, 10, false);
    JsonNode flow = api.get("/v1/flows/" + f.flowId()).json();
    ((ObjectNode) flow).put("autoResolveMatchingTraceKeys", true);
    api.put("/v1/flows/" + f.flowId(), flow);
    runAndWait(f.flowId(), null);
    assertThat(open(f)).hasSize(1);
    remote.on(
        "POST",
        "/sink",
        req -> io.tributary.testing.LocalApi.Response.json(201, "{\"id\":\"ok\"}"));
    runAndWait(f.flowId(), null);
    assertThat(open(f)).isEmpty();
  }

  @Test
  void withSkipRetriesErrorsKeepNoDataAndCannotBeRetried() {
    FlowFixture f = rejectingSink(12, 10, false);
    JsonNode flow = api.get("/v1/flows/" + f.flowId()).json();
    ((ObjectNode) flow).put("skipRetries", true);
    api.put("/v1/flows/" + f.flowId(), flow);
    runAndWait(f.flowId(), null);
    JsonNode error = open(f).get(0);
    assertThat(error.has("retryDataKey")).isFalse();
    ApiClient.Response r =
        api.post(base(f) + "/retry", "{\"errors\":[\"" + error.get("errorId").asText() + "\"]}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body()).contains("skipRetries");
  }

  @Test
  void concurrentRetriesOfOneErrorStartOneReplay() throws Exception {
    FlowFixture f = rejectingSink(12, 10, false);
    runAndWait(f.flowId(), null);
    String id = open(f).get(0).get("errorId").asText();
    List<CompletableFuture<ApiClient.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> api.post(base(f) + "/retry", "{\"errors\":[\"" + id + "\"]}")));
    }
    List<Integer> statuses = new ArrayList<>();
    for (var c : calls) statuses.add(c.get().status());
    assertThat(statuses).containsOnlyOnce(201);
    assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(3);
    assertThat(api.get("/v1/jobs?_flowId=" + f.flowId() + "&type=retry").json()).hasSize(1);
  }

  @Test
  void manyErrorsPageByNextPageUrl() {
    FlowFixture f = rejectingSink(1, 10, false);
    ErrorStore store =
        new ErrorStore(
            server.app().database().jdbi(), new Ids(Clock.systemUTC()), Clock.systemUTC());
    List<RecordFailure> failures = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      failures.add(
          new RecordFailure(
              f.flowId(),
              f.id("imports.sink"),
              null,
              null,
              i,
              "application",
              "422",
              "bad " + i,
              String.valueOf(i),
              Json.object().put("n", i),
              false));
    }
    store.save(failures);
    Set<String> seen = new HashSet<>();
    String url = base(f) + "/errors";
    int pages = 0;
    while (url != null) {
      JsonNode page = api.get(url).json();
      page.get("errors").forEach(e -> seen.add(e.get("errorId").asText()));
      url = page.has("nextPageURL") ? page.get("nextPageURL").asText() : null;
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(2500);
    assertThat(
            api.get(base(f) + "/errors?occurredAt_gte=2999-01-01T00:00:00Z").json().get("errors"))
        .isEmpty();
  }
}
