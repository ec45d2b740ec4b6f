package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection's concurrencyLevel holds across the cluster (D26): two nodes, each running a flow on
 * one HTTP connection of level 2, never have more than 2 requests in flight to it together.
 */
class ClusterThrottlePostgresIT {
  private static final int PAGES = 8;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger most = new AtomicInteger();
  private final AtomicInteger sunk = new AtomicInteger();
  private TestServer a;
  private TestServer b;
  private LocalApi remote;

  @BeforeEach
  void start() {
    a = TestServer.start(true);
    b = a.sibling();
    remote = new LocalApi();
    for (String set : List.of("x", "y")) {
      remote.on("GET", "/items/" + set, req -> counted(() -> page(req)));
      remote.on(
          "POST",
          "/sink/" + set,
          req ->
              counted(
                  () -> {
                    sunk.incrementAndGet();
                    String id = Json.read(req.body()).get("id").asText();
                    return LocalApi.Response.json(201, "{\"id\":\"" + set + id + "\"}");
                  }));
    }
  }

  @AfterEach
  void stop() {
    remote.close();
    b.close();
    a.close();
  }

  /** Answers after a while, counting the requests in flight meanwhile. */
  private LocalApi.Response counted(java.util.function.Supplier<LocalApi.Response> answer) {
    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      Thread.sleep(15);
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LocalApi.Response.json(503, "{}");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static LocalApi.Response page(LocalApi.Request req) {
    int page = Integer.parseInt(req.param("page"));
    ArrayNode items = Json.MAPPER.createArrayNode();
    if (page <= PAGES)
      for (int i = (page - 1) * 20 + 1; i <= page * 20; i++) items.addObject().put("id", i);
    return LocalApi.Response.ok(Json.object().set("items", items).toString());
  }

  @Test
  void twoNodesTogetherKeepToTheConnectionsLevel() {
    ApiClient api = a.client();
    var c =
        api.post(
            "/v1/connections",
            Json.parse(
                "{\"type\":\"http\",\"name\":\"shared\",\"http\":{\"baseURI\":\""
                    + remote.baseUrl()
                    + "\",\"mediaType\":\"json\",\"concurrencyLevel\":2}}"));
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    String connection = c.json().get("_id").asText();
    String x = flow(api, connection, "x");
    String y = flow(api, connection, "y");

    String jobX = run(a.client(), x);
    String jobY = run(b.client(), y);
    Set<String> owners = new HashSet<>();
    Waits.until(
        "both jobs running",
        Duration.ofSeconds(30),
        () -> owners(List.of(jobX, jobY)),
        o -> {
          owners.addAll(o);
          return o.size() == 2 || ended(jobX) || ended(jobY);
        });
    for (String job : List.of(jobX, jobY)) {
      JsonNode done =
          Waits.until(
              "job " + job + " to end",
              Duration.ofSeconds(90),
              () -> api.get("/v1/jobs/" + job).json(),
              j -> !List.of("queued", "running").contains(j.get("status").asText()));
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
      assertThat(done.get("numSuccess").asInt()).isEqualTo(PAGES * 20);
    }
    assertThat(owners).as("the two jobs ran on two nodes").hasSize(2);
    assertThat(sunk.get()).isEqualTo(2 * PAGES * 20);
    assertThat(most.get()).as("most requests in flight at once").isLessThanOrEqualTo(2);
  }

  private String flow(ApiClient api, String connection, String set) {
    return FlowFixture.load(
            api,
            "on-connection",
            Map.of("baseUrl", remote.baseUrl(), "set", set, "connection", connection))
        .flowId();
  }

  private static String run(ApiClient api, String flowId) {
    var r = api.post("/v1/flows/" + flowId + "/run", "");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("_jobId").asText();
  }

  private boolean ended(String job) {
    return !List.of("queued", "running")
        .contains(a.client().get("/v1/jobs/" + job).json().get("status").asText());
  }

  /** The nodes running the jobs now. */
  private List<String> owners(List<String> jobs) {
    return a.app()
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select distinct owner_node from jobs where id in (<ids>) "
                            + "and status = 'running' and owner_node is not null")
                    .bindList("ids", jobs)
                    .mapTo(String.class)
                    .list());
  }
}
