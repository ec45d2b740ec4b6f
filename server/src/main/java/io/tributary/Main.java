package io.tributary;

import java.time.Clock;

/** {@code tributary serve}: the command line entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    if (!command.equals("serve")) {
      System.err.println("usage: tributary serve");
      System.exit(2);
    }
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
