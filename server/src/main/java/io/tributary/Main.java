package io.tributary;

import io.tributary.cli.Cli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The jar's entry point: {@code serve} (also with no arguments) starts the server; every other
 * command is the CLI, a client of a running server ({@link Cli}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String[] line = args.length == 0 ? new String[] {"serve"} : args;
    AtomicBoolean serving = new AtomicBoolean();
    int code =
        Cli.run(
            line,
            System.getenv(),
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            new Cli.Launch() {
              @Override
              public void serve() {
                Main.serve();
                serving.set(true);
              }

              @Override
              public void train() {
                AotTraining.run();
              }
            });
    // A started server lives on in its own threads; anything else ends here with its code.
    if (!serving.get()) System.exit(code);
  }

  private static void serve() {
    String logFormat = System.getenv().getOrDefault("TRIBUTARY_LOG_FORMAT", "text");
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      System.err.println("TRIBUTARY_LOG_FORMAT must be text or json, not " + logFormat);
      System.exit(2);
    }
    Settings settings = Settings.fromEnv(System.getenv());
    App app;
    try {
      app = App.start(settings, Clock.systemUTC());
    } catch (IllegalStateException e) { // a start-up refusal that says what to do: no stack trace
      System.err.println("tributary: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    if (app.generatedAdminToken() != null) {
      // Printed once, to the console only: the store keeps just its hash.
      System.out.println(
          "Admin API token (shown once, keep it safe): " + app.generatedAdminToken());
    }
    System.out.println(
        "Tributary listening on http://"
            + settings.host()
            + ":"
            + app.port()
            + " (health: /health)");
  }
}
