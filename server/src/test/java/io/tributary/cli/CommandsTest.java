package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The CLI's commands against a real server: output, help and exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandsTest {
  private TestServer server;
  private LocalApi remote;
  private CliRunner cli;

  @BeforeAll
  void start() {
    server = TestServer.start(false);
    remote = new LocalApi();
    remote.on(
        "GET",
        "/items",
        r -> LocalApi.Response.ok("{\"items\":[{\"id\":1},{\"id\":2},{\"id\":3}]}"));
    remote.on(
        "POST",
        "/sink",
        r ->
            r.body().contains("\"id\":2")
                ? LocalApi.Response.json(422, "{\"message\":\"no two\"}")
                : LocalApi.Response.ok("{\"ok\":true}"));
    cli = PullPushTest.cliFor(server);
  }

  @AfterAll
  void stop() {
    remote.close();
    server.close();
  }

  private FlowFixture flow() {
    return FlowFixture.load(
        server.client(), "logged-run", Map.of("baseUrl", remote.baseUrl(), "password", "pw"));
  }

  @Test
  void runWaitPrintsTheCountsAndExitsByOutcome() {
    FlowFixture f = flow();
    CliRunner.Outcome run =
        cli.run("flows", "run", f.flowId(), "--wait", "--param", "region=eu", "-p", "day=2");
    // One of the three records is refused by the sink: the job completes with an error.
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.JOB_NOT_CLEAN);
    assertThat(run.out())
        .matches("job [0-9a-f]{24} completed: 2 succeeded, 1 failed, 0 ignored, 1 open errors\\n");
    String jobId = run.out().substring(4, 28);
    JsonNode job = server.client().get("/v1/jobs/" + jobId).json();
    assertThat(job.at("/params/region").asText()).as(job.toString()).isEqualTo("eu");
    assertThat(job.at("/params/day").asText()).isEqualTo("2");

    CliRunner.Outcome shown = cli.run("jobs", jobId);
    assertThat(shown.code()).as(shown.toString()).isZero();
    assertThat(shown.out())
        .startsWith("job " + jobId + " completed: 2 succeeded, 1 failed")
        .contains("flow      " + f.flowId());
    CliRunner.Outcome asJson = cli.run("jobs", jobId, "--json");
    assertThat(Json.read(asJson.out()).get("_id").asText()).isEqualTo(jobId);

    CliRunner.Outcome errors = cli.run("errors", f.flowId());
    assertThat(errors.code()).as(errors.toString()).isZero();
    assertThat(errors.out())
        .contains("step " + f.id("imports.sink") + ": 1 open")
        .contains("no two");
  }

  @Test
  void runWithoutWaitPrintsTheJobId() {
    FlowFixture f = flow();
    CliRunner.Outcome run = cli.run("flows", "run", f.flowId());
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).matches("[0-9a-f]{24}\\n");
    assertThat(server.client().get("/v1/jobs/" + run.out().strip()).status()).isEqualTo(200);
  }

  @Test
  void flowsListShowsEveryFlow() {
    FlowFixture f = flow();
    CliRunner.Outcome list = cli.run("flows", "list");
    assertThat(list.code()).as(list.toString()).isZero();
    assertThat(list.out())
        .startsWith("ID")
        .contains(f.flowId() + "  logged flow")
        .contains("enabled");
    JsonNode json = Json.read(cli.run("flows", "list", "--json").out());
    assertThat(json.findValuesAsText("_id")).contains(f.flowId());
  }

  @Test
  void everyCommandHasHelp() {
    String[][] commands = {
      {},
      {"serve"},
      {"flows"},
      {"flows", "list"},
      {"flows", "run"},
      {"jobs"},
      {"errors"},
      {"pull"},
      {"push"}
    };
    for (String[] c : commands) {
      String[] args = java.util.Arrays.copyOf(c, c.length + 1);
      args[c.length] = "--help";
      CliRunner.Outcome help = cli.run(args);
      assertThat(help.code()).as(String.join(" ", args) + "\n" + help).isZero();
      assertThat(help.out())
          .as(String.join(" ", args))
          .contains("Usage: tributary")
          .contains("-h, --help");
    }
    assertThat(cli.run("--help").out())
        .contains("flows")
        .contains("pull")
        .contains("push")
        .contains("Exit codes");
    assertThat(cli.run("flows", "run", "--help").out()).contains("--wait").contains("--param");
  }

  @Test
  void mistakesAndFailuresHaveClearMessagesAndExitCodes() {
    CliRunner.Outcome unknown = cli.run("frobnicate");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("frobnicate");

    CliRunner.Outcome badId = cli.run("jobs", "nope");
    assertThat(badId.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badId.err()).contains("\"nope\" is not a job id");

    CliRunner.Outcome missing = cli.run("jobs", "0123456789abcdef01234567");
    assertThat(missing.code()).as(missing.toString()).isEqualTo(ExitCodes.API_ERROR);
    assertThat(missing.err()).contains("GET /v1/jobs/0123456789abcdef01234567 answered 404");

    CliRunner noToken = new CliRunner(Map.of("TRIBUTARY_URL", server.client().base()));
    CliRunner.Outcome refused = noToken.run("flows", "list");
    assertThat(refused.code()).isEqualTo(ExitCodes.AUTH);
    assertThat(refused.err()).contains("answered 401").contains("set TRIBUTARY_TOKEN");

    // A port nothing listens on (bound then released).
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CliRunner nowhere =
        new CliRunner(Map.of("TRIBUTARY_URL", "http://127.0.0.1:" + port, "TRIBUTARY_TOKEN", "x"));
    CliRunner.Outcome down = nowhere.run("flows", "list");
    assertThat(down.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(down.err()).contains("cannot connect to http://127.0.0.1:" + port);

    CliRunner.Outcome noDir = cli.run("push", "/nonexistent/dir");
    assertThat(noDir.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(noDir.err()).contains("holds no integration.json");
  }
}
