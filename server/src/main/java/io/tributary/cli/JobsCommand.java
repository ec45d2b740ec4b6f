package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = "Shows a job: its status, times and counts, and those of its children.")
final class JobsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "JOB", description = "The job's id.")
  String job;

  @Option(names = "--json", description = "Print the job as the API answers it.")
  boolean json;

  @Override
  public void run() {
    JsonNode j = TributaryCommand.of(spec).remote().get("/v1/jobs/" + Ids.checked(job, "job"));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.pretty(j));
      return;
    }
    out.println(summary(j));
    if (j.hasNonNull("_flowId")) out.println("  flow      " + j.get("_flowId").asText());
    if (j.hasNonNull("startedAt")) out.println("  started   " + j.get("startedAt").asText());
    if (j.hasNonNull("endedAt")) out.println("  ended     " + j.get("endedAt").asText());
    for (JsonNode c : j.path("children")) {
      String step = c.path("_exportId").asText(c.path("_importId").asText(""));
      out.println("  " + c.path("type").asText() + " " + step + ": " + counts(c));
    }
  }

  /** {@code job <id> <status>: 3 succeeded, 1 failed, 0 ignored, 1 open error}. */
  static String summary(JsonNode j) {
    return "job " + j.path("_id").asText() + " " + j.path("status").asText() + ": " + counts(j);
  }

  private static String counts(JsonNode j) {
    return j.path("numSuccess").asLong(0)
        + " succeeded, "
        + j.path("numError").asLong(0)
        + " failed, "
        + j.path("numIgnore").asLong(0)
        + " ignored, "
        + j.path("numOpenError").asLong(0)
        + " open errors";
  }
}
