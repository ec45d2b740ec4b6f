package io.tributary.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code tributary <command>}: the jar's command line. {@code serve} starts the server (the action
 * {@link Launch} {@code Main} passes in); every other command is a client of a running server and
 * never starts the server's stack.
 */
public final class Cli {
  private Cli() {}

  /** What only the server's side of the jar can do: start the server, or train the AOT cache. */
  public interface Launch {
    void serve();

    /** The training run of the JDK's AOT cache (a hidden command the launcher uses). */
    void train();
  }

  /** Runs one command line and answers its exit code (see README, "Command line"). */
  public static int run(
      String[] args, Map<String, String> env, PrintWriter out, PrintWriter err, Launch launch) {
    CommandLine cl = new CommandLine(new TributaryCommand(env, launch));
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
