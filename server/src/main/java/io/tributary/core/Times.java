package io.tributary.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** ISO-8601 UTC with milliseconds, as integrator.io writes timestamps. */
public final class Times {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String iso(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  /** Parses ISO instants (with or without millis or offset), dates, or epoch milliseconds; null if none. */
  public static Long parse(String s) {
    if (s == null || s.isBlank()) return null;
    try {
      if (s.matches("-?\\d{9,}")) return Long.parseLong(s);
      if (s.matches("\\d{4}-\\d{2}-\\d{2}")) return Instant.parse(s + "T00:00:00Z").toEpochMilli();
      return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }
}
