package io.tributary.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Consumer;

/**
 * {@code GET /metrics}. It needs a full-access API token unless {@code
 * TRIBUTARY_METRICS_PUBLIC=true} (then {@code AccessPolicy} declares it open): job counts, step and
 * connection ids tell an outsider what this server integrates, and Prometheus sends a bearer token
 * as easily ({@code authorization: {credentials_file: ...}} in a scrape job). The token is read
 * here, before the route's access rule is checked, because only {@code /v1} paths are authenticated
 * on the way in.
 */
public final class MetricsRoutes {
  public static final String PATH = "/metrics";
  public static final String ROUTE = "GET " + PATH;
  private final Metrics metrics;
  private final boolean publicAccess;
  private final Consumer<Context> authenticate;

  public MetricsRoutes(Metrics metrics, boolean publicAccess, Consumer<Context> authenticate) {
    this.metrics = metrics;
    this.publicAccess = publicAccess;
    this.authenticate = authenticate;
  }

  public void register(RoutesConfig routes) {
    routes.before(
        PATH,
        ctx -> {
          if (!publicAccess) authenticate.accept(ctx);
        });
    routes.get(
        PATH,
        ctx -> {
          ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
        });
  }
}
