package io.tributary.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class FireTimesTest {
  private static Instant at(String iso) {
    return OffsetDateTime.parse(iso).toInstant();
  }

  private static String next(String cron, String zone, String from) {
    FireTimes t = FireTimes.of(cron, zone);
    return ZonedDateTime.ofInstant(t.nextAfter(at(from)).orElseThrow(), t.zone())
        .toOffsetDateTime()
        .toString();
  }

  @Test
  void everyMinuteAndDailyInAZone() {
    assertThat(next("* * * * *", "UTC", "2026-11-28T10:00:30Z")).isEqualTo("2026-11-28T10:01Z");
    assertThat(next("? * * * * *", "UTC", "2026-11-28T10:01:00Z")).isEqualTo("2026-11-28T10:02Z");
    assertThat(next("? 0 2 ? * *", "America/Los_Angeles", "2026-11-28T12:00:00-08:00"))
        .isEqualTo("2026-11-29T02:00-08:00");
    assertThat(next("30 8 * * 1", "Europe/Berlin", "2026-11-28T12:00:00+01:00"))
        .isEqualTo("2026-11-30T08:30+01:00");
  }

  @Test
  void aWallTimeSkippedBySpringForwardFiresAtTheJump() {
    assertThat(next("30 2 * * *", "America/Los_Angeles", "2027-03-13T12:00:00-08:00"))
        .isEqualTo("2027-03-14T03:00-07:00");
    assertThat(next("30 2 * * *", "America/Los_Angeles", "2027-03-14T03:00:00-07:00"))
        .isEqualTo("2027-03-15T02:30-07:00");
    assertThat(next("30 2 * * *", "Europe/Berlin", "2027-03-27T12:00:00+01:00"))
        .isEqualTo("2027-03-28T03:00+02:00");
    FireTimes everyMinute = FireTimes.of("* * * * *", "America/Los_Angeles");
    assertThat(everyMinute.next(at("2027-03-14T01:58:00-08:00"), 3))
        .containsExactly(
            at("2027-03-14T01:59:00-08:00"),
            at("2027-03-14T03:00:00-07:00"),
            at("2027-03-14T03:01:00-07:00"));
  }

  @Test
  void aWallTimeRepeatedByFallBackFiresOnce() {
    FireTimes la = FireTimes.of("30 1 * * *", "America/Los_Angeles");
    assertThat(la.next(at("2026-11-01T00:00:00-07:00"), 2))
        .containsExactly(at("2026-11-01T01:30:00-07:00"), at("2026-11-02T01:30:00-08:00"));
    assertThat(la.nextAfter(at("2026-11-01T01:10:00-08:00")).orElseThrow())
        .isEqualTo(at("2026-11-02T01:30:00-08:00"));
    FireTimes berlin = FireTimes.of("30 2 * * *", "Europe/Berlin");
    assertThat(berlin.next(at("2026-10-25T00:00:00+02:00"), 2))
        .containsExactly(at("2026-10-25T02:30:00+02:00"), at("2026-10-26T02:30:00+01:00"));
  }
}
