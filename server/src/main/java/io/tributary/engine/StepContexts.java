package io.tributary.engine;

import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.Templating;
import io.tributary.adaptors.Throttle;
import java.time.Clock;

/** Builds the {@link StepContext} an adaptor call gets: resource, connection, roots, throttle. */
final class StepContexts {
  private final ConnectionThrottles throttles;
  private final Templating templating;
  private final Clock clock;
  private final long maxResponseBytes;

  StepContexts(
      ConnectionThrottles throttles, Templating templating, Clock clock, long maxResponseBytes) {
    this.throttles = throttles;
    this.templating = templating;
    this.clock = clock;
    this.maxResponseBytes = maxResponseBytes;
  }

  StepContext forSource(JobRun run, RunPlan.Source source, long lastExportAt) {
    return context(run, source.endpoint(), "export", lastExportAt);
  }

  StepContext forStep(JobRun run, RunPlan.Step step, long lastExportAt) {
    return context(run, step.endpoint(), step.lookup() ? "export" : "import", lastExportAt);
  }

  private StepContext context(JobRun run, RunPlan.Endpoint e, String kind, long lastExportAt) {
    Throttle throttle =
        e.connection() == null
            ? Throttle.NONE
            : throttles.forJob(e.connectionId(), e.concurrencyLevel(), run::stopCalls);
    return new StepContext(
        e.connection(),
        e.resource(),
        Contexts.base(run, e, kind, lastExportAt),
        templating,
        throttle,
        run::stopCalls,
        clock,
        maxResponseBytes,
        run.sessions.of(e.adaptor()));
  }
}
