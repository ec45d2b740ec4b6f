package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "errors",
    mixinStandardHelpOptions = true,
    description = "Shows a flow's open errors, step by step (the latest page of each step).")
final class ErrorsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FLOW", description = "The flow's id.")
  String flow;

  @Option(names = "--json", description = "Print {step id: {summary, errors}} as JSON.")
  boolean json;

  @Override
  public void run() {
    Remote remote = TributaryCommand.of(spec).remote();
    String id = Ids.checked(flow, "flow");
    JsonNode summary = remote.get("/v1/flows/" + id + "/errors").path("flowErrors");
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode all = Json.MAPPER.createObjectNode();
    for (JsonNode step : summary) {
      String stepId = step.path("_expOrImpId").asText();
      JsonNode errors = remote.get("/v1/flows/" + id + "/" + stepId + "/errors").path("errors");
      ObjectNode s = all.putObject(stepId);
      s.set("summary", step);
      s.set("errors", errors);
    }
    if (json) {
      out.print(Json.pretty(all));
      return;
    }
    if (all.isEmpty()) {
      out.println("no open errors");
      return;
    }
    all.fields()
        .forEachRemaining(
            e -> {
              JsonNode s = e.getValue().path("summary");
              out.println(
                  "step "
                      + e.getKey()
                      + ": "
                      + s.path("numError").asLong()
                      + " open, latest "
                      + s.path("lastErrorAt").asText());
              for (JsonNode err : e.getValue().path("errors")) {
                out.println(
                    "  "
                        + err.path("occurredAt").asText("")
                        + "  "
                        + err.path("errorId").asText("")
                        + "  "
                        + err.path("code").asText("")
                        + "  "
                        + err.path("message").asText("").replace('\n', ' '));
              }
            });
  }
}
