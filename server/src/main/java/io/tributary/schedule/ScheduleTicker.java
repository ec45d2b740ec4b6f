package io.tributary.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Times;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.runs.AutoRetries;
import io.tributary.runs.RunService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the scheduler: starts every flow whose schedule is due, skips (and records) those
 * that already have a job queued or running, runs a schedule missed during downtime once, and takes
 * up changed, disabled and deleted flows. Called by a db-scheduler recurring task, so that in a
 * cluster one node ticks at a time.
 */
public final class ScheduleTicker {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleTicker.class);

  /** Later than this after its minute, a firing counts as missed (downtime) rather than on time. */
  private static final Duration LATE = Duration.ofMinutes(1);

  private final ResourceService resources;
  private final ResourceType flows;
  private final RunService runs;
  private final ScheduleStates states;
  private final AutoRetries autoRetries;
  private final Housekeeping housekeeping;
  private final Clock clock;

  public ScheduleTicker(
      ResourceService resources,
      ResourceType flows,
      RunService runs,
      AutoRetries autoRetries,
      Housekeeping housekeeping,
      org.jdbi.v3.core.Jdbi jdbi,
      Clock clock) {
    this.resources = resources;
    this.flows = flows;
    this.runs = runs;
    this.autoRetries = autoRetries;
    this.housekeeping = housekeeping;
    this.states = new ScheduleStates(jdbi);
    this.clock = clock;
  }

  public synchronized void tick() {
    Instant now = clock.instant();
    Map<String, ScheduleStates.State> known = states.all();
    Set<String> seen = new HashSet<>();
    String after = null;
    List<ObjectNode> page;
    do {
      page = resources.list(flows, null, Map.of(), after, 1000, null, null).items();
      for (ObjectNode flow : page) {
        String flowId = flow.get("_id").asText();
        try {
          autoRetries.check(flow, now);
        } catch (RuntimeException ex) {
          LOG.warn("automatic retries of flow {} could not start: {}", flowId, ex.getMessage());
        }
        for (FlowSchedules.Entry e : FlowSchedules.of(flow).entries()) {
          String key = flowId + "/" + e.exportId();
          seen.add(key);
          try {
            tick(flowId, e, known.get(key), now);
          } catch (RuntimeException ex) {
            LOG.warn("schedule of flow {} could not fire: {}", flowId, ex.getMessage());
          }
        }
        after = flowId;
      }
    } while (page.size() == 1000);
    for (String key : known.keySet()) if (!seen.contains(key)) states.remove(key);
    housekeeping.run(now);
  }

  private void tick(String flowId, FlowSchedules.Entry e, ScheduleStates.State state, Instant now) {
    FireTimes times = e.fireTimes();
    if (state == null || !state.signature().equals(e.signature())) {
      // New or changed schedule: it takes effect from now on, nothing to catch up.
      next(times, now)
          .ifPresent(
              n -> states.put(flowId, e.exportId(), new ScheduleStates.State(e.signature(), n)));
      return;
    }
    if (state.nextRunAt() > now.toEpochMilli()) return;
    boolean catchUp = now.toEpochMilli() - state.nextRunAt() > LATE.toMillis();
    List<String> exports = e.exportId().isEmpty() ? List.of() : List.of(e.exportId());
    runs.runScheduled(flowId, exports, Times.iso(state.nextRunAt()), catchUp);
    // However many slots were missed, the schedule fires once and moves on from now.
    next(times, now)
        .ifPresent(
            n -> states.put(flowId, e.exportId(), new ScheduleStates.State(e.signature(), n)));
  }

  private static Optional<Long> next(FireTimes times, Instant now) {
    return times.nextAfter(now).map(Instant::toEpochMilli);
  }
}
