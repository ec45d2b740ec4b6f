package io.tributary.filters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The {@code epochtime} coercion: milliseconds since 1970-01-01T00:00:00Z, as integrator.io's
 * documented example compares {@code ["epochtime", ["extract", "createdDate"]]} with 1609459200000.
 *
 * <p>Accepted: ISO-8601 with an offset or {@code Z} ({@code 2021-01-01T00:00:00.000Z}); ISO
 * date-times without an offset and plain dates, read as UTC; a space instead of the {@code T}, as
 * SQL sources write it; RFC 1123 ({@code Fri, 01 Jan 2021 00:00:00 GMT}). JavaScript would read an
 * offset-less date-time in the server's zone; UTC keeps a filter's outcome independent of where it
 * runs.
 */
final class EpochTime {
  private static final Pattern SQL_STYLE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d");

  private EpochTime() {}

  static OptionalLong parse(String raw) {
    String s = raw.trim();
    if (SQL_STYLE.matcher(s).find()) s = s.replaceFirst(" ", "T");
    try {
      return OptionalLong.of(OffsetDateTime.parse(s).toInstant().toEpochMilli());
    } catch (DateTimeParseException ignored) {
      // not this form; try the next
    }
    try {
      return OptionalLong.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli());
    } catch (DateTimeParseException ignored) {
      // not this form; try the next
    }
    try {
      return OptionalLong.of(
          LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    } catch (DateTimeParseException ignored) {
      // not this form; try the next
    }
    try {
      Instant i = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return OptionalLong.of(i.toEpochMilli());
    } catch (DateTimeParseException ignored) {
      return OptionalLong.empty();
    }
  }
}
