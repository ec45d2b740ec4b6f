package io.tributary.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code tributary <command>}: the jar's command line. {@code serve} starts the server (the action
 * {@code Main} passes in); every other command is a client of a running server and never starts the
 * server's stack.
 */
public final class Cli {
  private Cli() {}

  /** Runs one command line and answers its exit code (see README, "Command line"). */
  public static int run(
      String[] args, Map<String, String> env, PrintWriter out, PrintWriter err, Runnable serve) {
    CommandLine cl = new CommandLine(new TributaryCommand(env, serve));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof CliFailure f) {
            line.getErr().println("tributary: " + f.getMessage());
            line.getErr().flush();
            return f.exitCode();
          }
          throw e;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
