package io.tributary.templating;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Moment.js date formats, as integrator.io's date helpers take them, on java.time: tokens are
 * translated ({@code YYYY-MM-DDTHH:mm:ss.SSSZ}, {@code X} epoch seconds, {@code x} epoch millis).
 */
final class Moment {
  private static final String[][] TOKENS = {
      {"YYYY", "yyyy"}, {"YY", "yy"}, {"MMMM", "MMMM"}, {"MMM", "MMM"}, {"MM", "MM"}, {"M", "M"},
      {"DDDD", "DDD"}, {"DD", "dd"}, {"Do", "d"}, {"D", "d"}, {"dddd", "EEEE"}, {"ddd", "EEE"},
      {"HH", "HH"}, {"H", "H"}, {"hh", "hh"}, {"h", "h"}, {"mm", "mm"}, {"m", "m"}, {"ss", "ss"}, {"s", "s"},
      {"SSS", "SSS"}, {"SS", "SS"}, {"S", "S"}, {"A", "a"}, {"a", "a"}, {"ZZ", "xx"}, {"Z", "xxx"}};

  private Moment() {}

  static String format(Instant instant, String momentFormat, ZoneId zone) {
    if (momentFormat.equals("X")) return Long.toString(instant.getEpochSecond());
    if (momentFormat.equals("x")) return Long.toString(instant.toEpochMilli());
    return DateTimeFormatter.ofPattern(translate(momentFormat), Locale.ROOT).format(instant.atZone(zone));
  }

  static String translate(String moment) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < moment.length()) {
      if (moment.charAt(i) == '[') {
        int close = moment.indexOf(']', i);
        if (close < 0) close = moment.length();
        out.append('\'').append(moment, i + 1, close).append('\'');
        i = close + 1;
        continue;
      }
      String match = null;
      for (String[] t : TOKENS) {
        if (moment.startsWith(t[0], i)) {
          match = t[0];
          out.append(t[1]);
          break;
        }
      }
      if (match != null) {
        i += match.length();
      } else {
        char c = moment.charAt(i++);
        if (Character.isLetter(c)) out.append('\'').append(c).append('\'');
        else if (c == '\'') out.append("''");
        else out.append(c);
      }
    }
    return out.toString();
  }

  /** Reads a date: epoch millis, ISO instants with or without offset (UTC assumed), dates, or {@code inputFormat}. */
  static Instant parse(String value, String inputFormat, ZoneId zone) {
    String v = value.trim();
    if (v.isEmpty()) throw new TemplateException("an empty value is not a date");
    if (v.matches("-?\\d{10,}")) return Instant.ofEpochMilli(Long.parseLong(v));
    try {
      if (inputFormat != null && !inputFormat.isBlank()) {
        if (inputFormat.equals("X")) return Instant.ofEpochSecond(Long.parseLong(v));
        if (inputFormat.equals("x")) return Instant.ofEpochMilli(Long.parseLong(v));
        var f = DateTimeFormatter.ofPattern(translate(inputFormat), Locale.ROOT).withZone(zone);
        var parsed = f.parseBest(v, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
        if (parsed instanceof ZonedDateTime z) return z.toInstant();
        if (parsed instanceof LocalDateTime l) return l.atZone(zone).toInstant();
        return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
      }
      if (v.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(v).atStartOfDay(zone).toInstant();
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException noOffset) {
        return LocalDateTime.parse(v.replace(' ', 'T')).atZone(zone).toInstant();
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new TemplateException("\"" + value + "\" is not a date" + (inputFormat == null ? "" : " in the format " + inputFormat));
    }
  }

  static ZoneId zone(String id) {
    if (id == null || id.isBlank()) return ZoneOffset.UTC;
    try {
      return ZoneId.of(id);
    } catch (java.time.DateTimeException e) {
      throw new TemplateException("\"" + id + "\" is not a time zone");
    }
  }

  static boolean looksLikeZone(String s) {
    return s != null && (s.contains("/") || s.equals("UTC") || s.equals("GMT") || s.matches("[+-]\\d{2}:?\\d{2}"));
  }
}
