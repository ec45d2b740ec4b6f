package io.tributary.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "aot-train",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "The training run of the JDK's AOT cache: starts a server on a throw-away store, runs a"
          + " flow, stops. The launcher runs it under -XX:AOTCacheOutput when the jar changes."
    })
final class AotTrainCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    TributaryCommand.of(spec).launch().train();
    spec.commandLine().getOut().println("AOT training run done");
  }
}
