package io.tributary.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

  private static ZonedDateTime next(String expr, ZonedDateTime from) {
    return CronSchedule.parse(expr).nextAfter(from).orElseThrow();
  }

  @Test
  void theOriginalsSixFieldFormWithALeadingQuestionMark() {
    ZonedDateTime noon = ZonedDateTime.of(2026, 11, 28, 12, 0, 0, 0, LA);
    assertThat(next("? 0 2 ? * *", noon)).isEqualTo(ZonedDateTime.of(2026, 11, 29, 2, 0, 0, 0, LA));
    assertThat(next("0 2 * * *", noon)).isEqualTo(ZonedDateTime.of(2026, 11, 29, 2, 0, 0, 0, LA));
  }

  @Test
  void dayOfWeekNumbersCountFromSundayZero() {
    ZonedDateTime saturday = ZonedDateTime.of(2026, 11, 28, 12, 0, 0, 0, LA);
    assertThat(next("? 5 8 * * 1", saturday).getDayOfWeek().name()).isEqualTo("MONDAY");
    assertThat(next("5 8 * * 0", saturday).getDayOfWeek().name()).isEqualTo("SUNDAY");
    assertThat(next("5 8 * * 7", saturday).getDayOfWeek().name()).isEqualTo("SUNDAY");
    assertThat(next("5 8 * * MON-FRI", saturday).getDayOfWeek().name()).isEqualTo("MONDAY");
    assertThat(next("0 9 ? * 1#2", saturday))
        .isEqualTo(ZonedDateTime.of(2026, 12, 14, 9, 0, 0, 0, LA));
    assertThat(next("*/30 9 ? * 1-5/2", saturday).getDayOfWeek().name()).isEqualTo("MONDAY");
  }

  @Test
  void quartzSpecialCharacters() {
    ZonedDateTime from = ZonedDateTime.of(2026, 11, 28, 12, 0, 0, 0, LA);
    assertThat(next("0 12 L * ?", from)).isEqualTo(ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, LA));
    assertThat(next("0 9 15W * ?", from)).isEqualTo(ZonedDateTime.of(2026, 12, 15, 9, 0, 0, 0, LA));
    assertThat(next("0 9 1 JAN ?", from)).isEqualTo(ZonedDateTime.of(2027, 1, 1, 9, 0, 0, 0, LA));
  }

  @Test
  void invalidExpressionsSayWhy() {
    assertThatThrownBy(() -> CronSchedule.parse("* * *")).hasMessageContaining("5 fields");
    assertThatThrownBy(() -> CronSchedule.parse("0 2 1 * 1"))
        .hasMessageContaining("cannot both be set");
    assertThatThrownBy(() -> CronSchedule.parse("0 2 * * 8")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> CronSchedule.parse("61 * * * *"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CronSchedule.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
