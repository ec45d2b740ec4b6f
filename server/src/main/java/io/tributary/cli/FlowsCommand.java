package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "flows",
    mixinStandardHelpOptions = true,
    description = "Lists and runs flows.",
    subcommands = {FlowsCommand.ListFlows.class, RunCommand.class})
final class FlowsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists every flow: id, name, whether it is enabled, its schedule.")
  static final class ListFlows implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the flows as the API answers them.")
    boolean json;

    @Option(
        names = "--integration",
        paramLabel = "ID",
        description = "Only this integration's flows.")
    String integration;

    @Override
    public void run() {
      Remote remote = TributaryCommand.of(spec).remote();
      ArrayNode flows =
          remote.list(
              integration == null
                  ? "/v1/flows"
                  : "/v1/integrations/" + Ids.checked(integration, "integration") + "/flows");
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.print(Json.pretty(flows));
        return;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "NAME", "STATE", "SCHEDULE", "INTEGRATION"});
      for (JsonNode f : flows) {
        rows.add(
            new String[] {
              f.path("_id").asText(),
              f.path("name").asText(""),
              f.path("disabled").asBoolean(false) ? "disabled" : "enabled",
              f.path("schedule").asText("-"),
              f.path("_integrationId").asText("-")
            });
      }
      Table.print(out, rows);
    }
  }
}
