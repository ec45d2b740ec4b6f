package io.tributary.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Writes an integration into DIR as JSON files, one per resource: integration.json and"
          + " connections/, scripts/, exports/, imports/, flows/<name>.json.",
      "Keys are sorted and the text is stable, so a second pull changes no byte unless the"
          + " server changed. Files hold no secret (masked fields are left out) and no"
          + " server-owned field (_id, createdAt, lastModified, ...); references name resources:"
          + " \"_connectionId\": \"connection:My CRM\" is connections/My CRM.json.",
      "Files of resources the integration no longer has are removed from DIR."
    })
final class PullCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "INTEGRATION",
      description = "The integration's id or its (unique) name.")
  String integration;

  @Parameters(
      index = "1",
      paramLabel = "DIR",
      description = "The directory to write (created if absent).")
  Path dir;

  @Override
  public void run() {
    Remote remote = TributaryCommand.of(spec).remote();
    String id = Integrations.find(remote, integration);
    Snapshot s = Snapshot.fetch(remote, id);
    int n = Directory.write(dir, s.files());
    spec.commandLine()
        .getOut()
        .println("pulled " + n + " resources of integration " + id + " into " + dir);
  }
}
