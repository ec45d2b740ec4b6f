package io.tributary.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the CLI in-process against a server, capturing what it prints and its exit code. */
final class CliRunner {
  private final Map<String, String> env;

  CliRunner(Map<String, String> env) {
    this.env = env;
  }

  record Outcome(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Cli.run(
            args,
            env,
            new PrintWriter(out),
            new PrintWriter(err),
            new Cli.Launch() {
              @Override
              public void serve() {
                throw new AssertionError("the CLI must not start a server");
              }

              @Override
              public void train() {
                throw new AssertionError("the CLI must not train");
              }
            });
    return new Outcome(code, out.toString(), err.toString());
  }
}
