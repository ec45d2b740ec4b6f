package io.tributary.templating;

import static io.tributary.templating.Helpers.define;

import com.github.jknack.handlebars.Handlebars;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** dateFormat, dateAdd and timestamp; "now" comes from the injected clock. */
final class DateHelpers {
  private final Clock clock;

  DateHelpers(Clock clock) {
    this.clock = clock;
  }

  void register(Handlebars hb) {
    define(hb, "dateFormat", this::dateFormat);
    define(hb, "dateAdd", this::dateAdd);
    define(hb, "timestamp", this::timestamp);
  }

  /**
   * {@code dateFormat outputFormat [date] [inputFormat] [timeZone]}. With three arguments the third
   * is a time zone if it names one, else an input format. Without a date it formats now, as
   * moment() does; an empty output format means ISO-8601.
   */
  private Object dateFormat(Args a) {
    String output = a.get(0) instanceof CharSequence s ? s.toString() : "";
    String input = null;
    String tz = null;
    if (a.count() == 3) {
      String third = a.text(2);
      if (Moment.isZone(third)) tz = third;
      else input = third;
    } else if (a.count() >= 4) {
      input = a.text(2);
      tz = a.text(3);
    }
    ZoneId zone = Moment.zone(tz);
    Instant when = date(a, 1, input, zone);
    return output.isEmpty() ? Moment.iso(when, zone) : Moment.format(when, output, zone);
  }

  /**
   * {@code dateAdd date [milliseconds] [timeZone]}: ISO-8601 with milliseconds, in the zone's
   * offset.
   */
  private Object dateAdd(Args a) {
    ZoneId zone = Moment.zone(a.has(2) ? a.text(2) : null);
    Instant base = date(a, 0, null, ZoneId.of("UTC"));
    long ms;
    try {
      ms = a.has(1) && !a.text(1).isEmpty() ? a.number(1).longValueExact() : 0;
    } catch (ArithmeticException e) {
      throw new TemplateException(
          "dateAdd: \"" + a.text(1) + "\" is not a whole number of milliseconds");
    }
    return Moment.iso(base.plusMillis(ms), zone);
  }

  /**
   * {@code timestamp [format] [timeZone]}: now, ISO-8601 unless a format is given, UTC unless a
   * zone is.
   */
  private Object timestamp(Args a) {
    Instant now = clock.instant();
    String format = a.get(0) instanceof CharSequence s ? s.toString() : "";
    ZoneId zone = Moment.zone(a.has(1) ? a.text(1) : null);
    return format.isEmpty() ? Moment.iso(now, zone) : Moment.format(now, format, zone);
  }

  private Instant date(Args a, int i, String inputFormat, ZoneId zone) {
    String value = a.has(i) ? a.text(i) : "";
    return value.isBlank() ? clock.instant() : Moment.parse(value, inputFormat, zone);
  }
}
