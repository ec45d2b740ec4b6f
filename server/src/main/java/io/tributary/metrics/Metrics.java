package io.tributary.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.engine.RunObserver;
import io.tributary.store.StoreStatements;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's Prometheus registry: engine series (through {@link #engine()}), API requests by
 * route template and status, open errors, the store's connection pool and the JVM.
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final EngineMetrics engine = new EngineMetrics(registry);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  public RunObserver engine() {
    return engine;
  }

  /**
   * Records every API request once it is answered, labelled by the route it matched (never the raw
   * path).
   */
  public void install(JavalinConfig config) {
    config.requestLogger.http(
        (ctx, millis) ->
            Timer.builder("tributary.http.requests")
                .description("API requests by route template and status")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", String.valueOf(ctx.statusCode()))
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS));
  }

  private static String route(Context ctx) {
    try {
      Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
      return matched == null ? "unmatched" : matched.path;
    } catch (RuntimeException e) {
      return "unmatched"; // no route matched (404) or the request was refused before routing
    }
  }

  /** Unresolved record errors across all flows, counted when scraped. */
  public void openErrors(Jdbi jdbi) {
    Gauge.builder(
            "tributary.errors.open",
            jdbi,
            j ->
                j.withHandle(
                    h ->
                        h.createQuery(
                                "select count(*) from record_errors where resolved_at is null")
                            .mapTo(Long.class)
                            .one()))
        .description("Unresolved record errors")
        .register(registry);
  }

  /**
   * Statements and commits the server made through its store ({@code
   * tributary_store_statements_total}, {@code tributary_store_commits_total}): their sum is the
   * database round trips, what several nodes on one PostgreSQL add up to.
   */
  public void storeStatements(StoreStatements counted) {
    // The registry holds the counter weakly; the store keeps it for as long as it is open.
    FunctionCounter.builder("tributary.store.statements", counted, StoreStatements::statements)
        .description("Statements executed on the store (a batch counts once)")
        .register(registry);
    FunctionCounter.builder("tributary.store.commits", counted, StoreStatements::commits)
        .description("Transactions committed on the store")
        .register(registry);
  }

  /** The store's pool: connections active, idle, total and threads waiting for one. */
  public void pool(DataSource dataSource) {
    if (!(dataSource instanceof HikariDataSource hikari)) return;
    poolGauge(hikari, "active", ds -> ds.getHikariPoolMXBean().getActiveConnections());
    poolGauge(hikari, "idle", ds -> ds.getHikariPoolMXBean().getIdleConnections());
    poolGauge(hikari, "total", ds -> ds.getHikariPoolMXBean().getTotalConnections());
    poolGauge(hikari, "pending", ds -> ds.getHikariPoolMXBean().getThreadsAwaitingConnection());
    Gauge.builder("tributary.db.pool.max", hikari, HikariDataSource::getMaximumPoolSize)
        .description("The store pool's size limit")
        .register(registry);
  }

  private void poolGauge(
      HikariDataSource ds, String state, ToDoubleFunction<HikariDataSource> value) {
    Gauge.builder(
            "tributary.db.pool.connections",
            ds,
            d -> d.getHikariPoolMXBean() == null ? 0 : value.applyAsDouble(d))
        .description("The store's connection pool")
        .tag("state", state)
        .register(registry);
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
