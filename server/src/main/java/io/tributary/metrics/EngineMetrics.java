package io.tributary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.engine.RunObserver;
import io.tributary.jobs.JobStatus;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The engine's series. Labels are bounded by configuration: job types and statuses are closed sets,
 * steps and connections are ids of stored resources, status classes are {@code 2xx}..{@code 5xx},
 * {@code no_answer} or {@code none}.
 */
final class EngineMetrics implements RunObserver {
  private final MeterRegistry registry;
  private final Timer pages;

  EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.pages =
        Timer.builder("tributary.pages")
            .description("Time a page takes through every step")
            .register(registry);
  }

  @Override
  public void jobStarted(String type) {
    Counter.builder("tributary.jobs.started")
        .description("Flow jobs started")
        .tag("type", type)
        .register(registry)
        .increment();
  }

  @Override
  public void jobEnded(String type, JobStatus status) {
    Counter.builder("tributary.jobs.finished")
        .description("Flow jobs ended, by final status")
        .tag("type", type)
        .tag("status", status.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void stepRecords(String stepId, String kind, long success, long ignore, long error) {
    count(stepId, kind, "success", success);
    count(stepId, kind, "ignore", ignore);
    count(stepId, kind, "error", error);
  }

  private void count(String stepId, String kind, String outcome, long n) {
    if (n == 0) return;
    Counter.builder("tributary.records")
        .description("Records a step finished, by outcome")
        .tag("step", stepId)
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry)
        .increment(n);
  }

  @Override
  public void pageProcessed(long nanos) {
    pages.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void request(String connectionId, int status, long nanos) {
    Timer.builder("tributary.connection.requests")
        .description("Requests to connections, by answer status class")
        .tag("connection", connectionId)
        .tag("status_class", statusClass(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  static String statusClass(int status) {
    if (status < 0) return "none";
    if (status == 0) return "no_answer";
    if (status < 100 || status > 599) return "other";
    return (status / 100) + "xx";
  }
}
