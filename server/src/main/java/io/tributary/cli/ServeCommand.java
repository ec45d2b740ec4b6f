package io.tributary.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the server: API, scheduler and workers in one process.",
      "Configured by TRIBUTARY_* environment variables (README, Running): the embedded H2 store"
          + " in TRIBUTARY_DATA_DIR unless TRIBUTARY_DB_URL names PostgreSQL."
    })
final class ServeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    TributaryCommand.of(spec).launch().serve();
  }
}
