package io.tributary.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ISO-8601 UTC with milliseconds, as integrator.io writes timestamps. */
public final class Times {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String iso(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * The first and last instants a timestamp may name: years 0000 to 9999, as {@link #iso} writes
   * them.
   */
  public static final long MIN = -62_167_219_200_000L;

  public static final long MAX = 253_402_300_799_999L;

  /**
   * Parses ISO instants (with or without millis or offset), dates, or epoch milliseconds; null if
   * none, or if the instant falls outside years 0000 to 9999 (a far-off year overflows millisecond
   * arithmetic and cannot be written back).
   */
  public static Long parse(String s) {
    if (s == null || s.isBlank()) return null;
    try {
      long t;
      if (s.matches("-?\\d{9,}")) t = Long.parseLong(s);
      else if (s.matches("\\d{4}-\\d{2}-\\d{2}"))
        t = Instant.parse(s + "T00:00:00Z").toEpochMilli();
      else t = java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
      return t < MIN || t > MAX ? null : t;
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}
