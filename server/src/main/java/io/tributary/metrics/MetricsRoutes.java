package io.tributary.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Consumer;

/**
 * {@code GET /metrics}. It needs an API token unless {@code TRIBUTARY_METRICS_PUBLIC=true}: job
 * counts, step and connection ids tell an outsider what this server integrates, and Prometheus
 * sends a bearer token as easily ({@code authorization: {credentials_file: ...}} in a scrape job).
 */
public final class MetricsRoutes {
  public static final String PATH = "/metrics";
  private final Metrics metrics;
  private final boolean publicAccess;
  private final Consumer<Context> authenticate;

  public MetricsRoutes(Metrics metrics, boolean publicAccess, Consumer<Context> authenticate) {
    this.metrics = metrics;
    this.publicAccess = publicAccess;
    this.authenticate = authenticate;
  }

  public void register(RoutesConfig routes) {
    routes.get(PATH, ctx -> {
      if (!publicAccess) authenticate.accept(ctx);
      ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    });
  }
}
