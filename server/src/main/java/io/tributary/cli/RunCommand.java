package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a flow now and prints its job id; with --wait, waits for the job to end and prints"
          + " its counts.",
      "Exit code with --wait: 0 completed without errors, 5 failed, canceled or completed with"
          + " record errors, 6 still running at --timeout."
    })
final class RunCommand implements Callable<Integer> {
  /** The longest one request waits on the server (its ?wait= limit); longer waits poll. */
  private static final int SERVER_WAIT_LIMIT = 300;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FLOW", description = "The flow's id.")
  String flow;

  @Option(names = "--wait", description = "Wait until the job ends.")
  boolean await;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description = "How long --wait waits (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "KEY=VALUE",
      description = "A run parameter (the run's params object); repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print the job as the API answers it.")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    if (timeoutSeconds < 1)
      throw new CliFailure(ExitCodes.USAGE, "--timeout must be at least 1 second");
    Remote remote = TributaryCommand.of(spec).remote();
    String id = Ids.checked(flow, "flow");
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (!params.isEmpty()) {
      ObjectNode p = body.putObject("params");
      params.forEach(p::put);
    }
    PrintWriter out = spec.commandLine().getOut();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    int firstWait = await ? Math.min(timeoutSeconds, SERVER_WAIT_LIMIT) : 0;
    JsonNode answer =
        remote.post(
            "/v1/flows/" + id + "/run" + (firstWait > 0 ? "?wait=" + firstWait : ""),
            body,
            Duration.ofSeconds(firstWait + 60L));
    if (!await) {
      String jobId = answer.path("_jobId").asText();
      if (json) out.print(Json.pretty(answer));
      else out.println(jobId);
      return ExitCodes.OK;
    }
    JsonNode job = answer;
    while (!done(job) && System.nanoTime() < deadline) {
      Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      job = remote.get("/v1/jobs/" + job.path("_id").asText());
    }
    if (json) out.print(Json.pretty(job));
    else out.println(JobsCommand.summary(job));
    if (!done(job)) {
      spec.commandLine()
          .getErr()
          .println(
              "tributary: job "
                  + job.path("_id").asText()
                  + " still "
                  + job.path("status").asText()
                  + " after "
                  + timeoutSeconds
                  + " s");
      return ExitCodes.JOB_TIMEOUT;
    }
    boolean clean =
        job.path("status").asText().equals("completed") && job.path("numError").asLong(0) == 0;
    return clean ? ExitCodes.OK : ExitCodes.JOB_NOT_CLEAN;
  }

  private static boolean done(JsonNode job) {
    String s = job.path("status").asText();
    return s.equals("completed") || s.equals("failed") || s.equals("canceled");
  }
}
