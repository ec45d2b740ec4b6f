package io.tributary.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a schedule fires, in a time zone, with D15's DST rules: the cron matches wall-clock times; a
 * wall time skipped by a spring-forward jump fires at the jump (the first instant after it); a wall
 * time repeated by a fall-back fires once, at its first occurrence.
 */
public final class FireTimes {
  private static final int MAX_STEPS = 10_000;
  private final CronSchedule cron;
  private final ZoneId zone;

  public FireTimes(CronSchedule cron, ZoneId zone) {
    this.cron = cron;
    this.zone = zone;
  }

  public static FireTimes of(String expression, String timezone) {
    return new FireTimes(
        CronSchedule.parse(expression),
        timezone == null || timezone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timezone));
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first firing strictly after {@code from}. */
  public Optional<Instant> nextAfter(Instant from) {
    // Cron matches wall-clock time, so it is evaluated on the wall clock (as if UTC) and mapped
    // back.
    LocalDateTime wall = LocalDateTime.ofInstant(from, zone);
    for (int i = 0; i < MAX_STEPS; i++) {
      Optional<LocalDateTime> next =
          cron.nextAfter(wall.atZone(ZoneOffset.UTC)).map(z -> z.toLocalDateTime());
      if (next.isEmpty()) return Optional.empty();
      Instant at = instantOf(next.get());
      if (at.isAfter(from)) return Optional.of(at);
      wall = next.get(); // a repeated wall time that already fired: look further
    }
    return Optional.empty();
  }

  public List<Instant> next(Instant from, int count) {
    List<Instant> out = new ArrayList<>();
    Instant at = from;
    while (out.size() < count) {
      Optional<Instant> n = nextAfter(at);
      if (n.isEmpty()) break;
      out.add(n.get());
      at = n.get();
    }
    return out;
  }

  private Instant instantOf(LocalDateTime wall) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(wall);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(wall);
      return gap.getInstant();
    }
    return wall.toInstant(offsets.get(0)); // the earlier of a repeated wall time
  }
}
