package io.tributary.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "tributary",
    mixinStandardHelpOptions = true,
    version = "tributary 0.1.0",
    description = {
      "Tributary: an integration platform implementing integrator.io's API.",
      "Commands other than serve talk to a running server: TRIBUTARY_URL (default"
          + " http://localhost:7070) and TRIBUTARY_TOKEN (an API token)."
    },
    subcommands = {
      ServeCommand.class,
      FlowsCommand.class,
      JobsCommand.class,
      ErrorsCommand.class,
      PullCommand.class,
      PushCommand.class,
      AotTrainCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "The ./tributary launcher also offers: test (the whole test suite), build (the jar).",
      "Exit codes: 0 ok, 1 the server answered an error, 2 usage, 3 server unreachable,"
          + " 4 token missing or refused, 5 a waited job failed or had errors, 6 a waited job"
          + " was still running at --timeout."
    })
final class TributaryCommand implements Runnable {
  static final String DEFAULT_URL = "http://localhost:7070";
  private final Map<String, String> env;
  private final Cli.Launch launch;
  @Spec CommandSpec spec;

  TributaryCommand(Map<String, String> env, Cli.Launch launch) {
    this.env = env;
    this.launch = launch;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Cli.Launch launch() {
    return launch;
  }

  /** The server named by TRIBUTARY_URL with TRIBUTARY_TOKEN. */
  Remote remote() {
    String url = env.getOrDefault("TRIBUTARY_URL", "");
    return new Remote(url.isBlank() ? DEFAULT_URL : url, env.get("TRIBUTARY_TOKEN"));
  }

  static TributaryCommand of(CommandSpec spec) {
    return (TributaryCommand) spec.root().userObject();
  }
}
