package io.tributary.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The flow scheduler: a db-scheduler recurring task ticks every few seconds on one node of the
 * cluster at a time, so a schedule fires within seconds of its exact minute. Also computes what the
 * API shows: {@code nextRunAt} and the preview.
 */
public final class Schedules implements AutoCloseable {
  static final Duration TICK = Duration.ofSeconds(2);
  private final Scheduler scheduler;
  private final ScheduleTicker ticker;
  private final Clock clock;

  public Schedules(DataSource dataSource, boolean h2, ScheduleTicker ticker, Clock clock) {
    this.ticker = ticker;
    this.clock = clock;
    RecurringTask<Void> tick =
        Tasks.recurring("flow-schedules", FixedDelay.of(TICK))
            .execute((instance, ctx) -> ticker.tick());
    var builder =
        Scheduler.create(dataSource)
            .startTasks(tick)
            .pollingInterval(Duration.ofSeconds(1))
            .threads(2);
    // Lock-and-fetch polling (SELECT ... SKIP LOCKED) fails to build on H2; PostgreSQL clusters use
    // it.
    if (!h2) builder.pollUsingLockAndFetch(0.5, 3.0);
    // A node killed while it ran the tick leaves the execution picked until db-scheduler finds it
    // dead: 4 missed heartbeats of 5 s (20 s) rather than the default 6 of 5 minutes, so schedules
    // of a cluster stall at most that long when a node dies (D26).
    builder.heartbeatInterval(Duration.ofSeconds(5)).missedHeartbeatsLimit(4);
    this.scheduler = builder.build();
  }

  public void start() {
    scheduler.start();
  }

  /** One pass now (tests with a controlled clock call this instead of waiting for the task). */
  public void tick() {
    ticker.tick();
  }

  /** The flow document as answered, with its read-only {@code nextRunAt} when it is scheduled. */
  public ObjectNode withNextRunAt(ObjectNode flow) {
    Instant now = clock.instant();
    Optional<Instant> next = Optional.empty();
    for (FlowSchedules.Entry e : FlowSchedules.of(flow).entries()) {
      try {
        Optional<Instant> n = e.fireTimes().nextAfter(now);
        if (n.isPresent() && (next.isEmpty() || n.get().isBefore(next.get()))) next = n;
      } catch (RuntimeException invalid) {
        // Stored before validation existed or with a zone since withdrawn: no next run to show.
      }
    }
    next.ifPresent(
        n ->
            flow.put(
                "nextRunAt", ZonedDateTime.ofInstant(n, zone(flow)).toOffsetDateTime().toString()));
    return flow;
  }

  /**
   * The next {@code count} firings of the flow's own schedule (ISO-8601 with the zone's offset).
   */
  public List<String> preview(ObjectNode flow, int count) {
    String expression = flow.path("schedule").asText("");
    if (expression.isBlank()) return List.of();
    FireTimes times = FireTimes.of(expression, flow.path("timezone").asText("UTC"));
    return times.next(clock.instant(), count).stream()
        .map(i -> ZonedDateTime.ofInstant(i, times.zone()).toOffsetDateTime().toString())
        .toList();
  }

  private static java.time.ZoneId zone(ObjectNode flow) {
    try {
      return java.time.ZoneId.of(flow.path("timezone").asText("UTC"));
    } catch (RuntimeException e) {
      return java.time.ZoneOffset.UTC;
    }
  }

  @Override
  public void close() {
    scheduler.stop();
  }
}
