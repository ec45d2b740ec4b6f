package io.tributary.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Makes the server match DIR (as pull writes it): creates what is new, replaces what"
          + " differs, leaves what is equal untouched (a push right after a pull writes nothing).",
      "The integration is the one named by --integration, else the one whose name is in"
          + " integration.json (created when there is none: push a renamed integration with"
          + " --integration). Resources on the server the"
          + " directory does not hold are listed, never deleted. Secrets are not in files:"
          + " stored ones are kept; a new connection gets its credentials afterwards (UI or"
          + " API), or from a secret written into its file for one push."
    })
final class PushCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A directory written by pull.")
  Path dir;

  @Option(names = "--integration", paramLabel = "ID", description = "The integration to update.")
  String integration;

  @Override
  public void run() {
    Remote remote = TributaryCommand.of(spec).remote();
    Map<Kind, Map<String, ObjectNode>> files = Directory.read(dir);
    String name = files.get(Kind.INTEGRATION).values().iterator().next().path("name").asText("");
    String id =
        integration != null
            ? Integrations.find(remote, integration)
            : Integrations.byName(remote, name);
    Snapshot server = id == null ? Snapshot.empty() : Snapshot.fetch(remote, id);
    PrintWriter out = spec.commandLine().getOut();
    Pusher.Result r = new Pusher(remote, out, server, files).push();
    for (String f : r.leftAlone()) out.println("not in " + dir + " (left alone): " + f);
    out.println(
        r.created() + " created, " + r.updated() + " updated, " + r.unchanged() + " unchanged");
  }
}
