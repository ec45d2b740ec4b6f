package io.tributary.templating;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.WeekFields;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Moment.js dates as integrator.io's date helpers take them: moment format tokens ({@code
 * YYYY-MM-DDTHH:mm:ss.SSSZ}, {@code Do}, {@code X} epoch seconds, {@code x} epoch millis, {@code
 * [literal]}) over java.time, English names, IANA zones.
 */
final class Moment {
  /** Longest first, so that {@code MMMM} wins over {@code MM} at the same position. */
  private static final List<String> TOKENS =
      Stream.of(
              "YYYY", "YY", "Q", "MMMM", "MMM", "MM", "Mo", "M", "DDDD", "DDD", "Do", "DD", "D",
              "dddd", "ddd", "dd", "d", "E", "HH", "H", "hh", "h", "kk", "k", "mm", "m", "ss", "s",
              "SSS", "SS", "S", "A", "a", "ZZ", "Z", "X", "x", "LLLL", "LLL", "LL", "L", "ww", "w",
              "WW", "W")
          .sorted(Comparator.comparingInt(String::length).reversed())
          .toList();

  private static final WeekFields US_WEEKS = WeekFields.SUNDAY_START;

  private Moment() {}

  static String format(Instant instant, String momentFormat, ZoneId zone) {
    ZonedDateTime t = instant.atZone(zone);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < momentFormat.length()) {
      char c = momentFormat.charAt(i);
      if (c == '[') {
        int close = momentFormat.indexOf(']', i);
        if (close < 0) close = momentFormat.length();
        out.append(momentFormat, i + 1, close);
        i = close + 1;
        continue;
      }
      String token = tokenAt(momentFormat, i);
      if (token == null) {
        out.append(c);
        i++;
      } else {
        out.append(field(token, t));
        i += token.length();
      }
    }
    return out.toString();
  }

  /**
   * ISO-8601 with milliseconds, as moment's {@code toISOString} (UTC, "Z") or its default format in
   * a zone.
   */
  static String iso(Instant instant, ZoneId zone) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)
        .format(instant.atZone(zone));
  }

  private static String tokenAt(String f, int i) {
    for (String t : TOKENS) {
      if (f.startsWith(t, i)) return t;
    }
    return null;
  }

  private static String field(String token, ZonedDateTime t) {
    return switch (token) {
      case "YYYY" -> pad(t.getYear(), 4);
      case "YY" -> pad(Math.floorMod(t.getYear(), 100), 2);
      case "Q" -> Integer.toString(t.get(IsoFields.QUARTER_OF_YEAR));
      case "MMMM" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "MMM" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "MM" -> pad(t.getMonthValue(), 2);
      case "Mo" -> ordinal(t.getMonthValue());
      case "M" -> Integer.toString(t.getMonthValue());
      case "DDDD" -> pad(t.getDayOfYear(), 3);
      case "DDD" -> Integer.toString(t.getDayOfYear());
      case "DD" -> pad(t.getDayOfMonth(), 2);
      case "Do" -> ordinal(t.getDayOfMonth());
      case "D" -> Integer.toString(t.getDayOfMonth());
      case "dddd" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "ddd" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "dd" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).substring(0, 2);
      case "d" -> Integer.toString(t.getDayOfWeek().getValue() % 7); // moment: Sunday is 0
      case "E" -> Integer.toString(t.getDayOfWeek().getValue());
      case "HH" -> pad(t.getHour(), 2);
      case "H" -> Integer.toString(t.getHour());
      case "hh" -> pad(twelve(t), 2);
      case "h" -> Integer.toString(twelve(t));
      case "kk" -> pad(t.getHour() == 0 ? 24 : t.getHour(), 2);
      case "k" -> Integer.toString(t.getHour() == 0 ? 24 : t.getHour());
      case "mm" -> pad(t.getMinute(), 2);
      case "m" -> Integer.toString(t.getMinute());
      case "ss" -> pad(t.getSecond(), 2);
      case "s" -> Integer.toString(t.getSecond());
      case "SSS" -> pad(t.get(ChronoField.MILLI_OF_SECOND), 3);
      case "SS" -> pad(t.get(ChronoField.MILLI_OF_SECOND) / 10, 2);
      case "S" -> Integer.toString(t.get(ChronoField.MILLI_OF_SECOND) / 100);
      case "A" -> t.getHour() < 12 ? "AM" : "PM";
      case "a" -> t.getHour() < 12 ? "am" : "pm";
      case "ZZ" -> offset(t, false);
      case "Z" -> offset(t, true);
      case "X" -> Long.toString(t.toEpochSecond());
      case "x" -> Long.toString(t.toInstant().toEpochMilli());
      case "L" -> format(t.toInstant(), "MM/DD/YYYY", t.getZone());
      case "LL" -> format(t.toInstant(), "MMMM D, YYYY", t.getZone());
      case "LLL" -> format(t.toInstant(), "MMMM D, YYYY h:mm A", t.getZone());
      case "LLLL" -> format(t.toInstant(), "dddd, MMMM D, YYYY h:mm A", t.getZone());
      case "ww" -> pad(t.get(US_WEEKS.weekOfWeekBasedYear()), 2);
      case "w" -> Integer.toString(t.get(US_WEEKS.weekOfWeekBasedYear()));
      case "WW" -> pad(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
      case "W" -> Integer.toString(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      default -> throw new IllegalStateException("token without a field: " + token);
    };
  }

  private static int twelve(ZonedDateTime t) {
    int h = t.getHour() % 12;
    return h == 0 ? 12 : h;
  }

  private static String offset(ZonedDateTime t, boolean colon) {
    int seconds = t.getOffset().getTotalSeconds();
    int minutes = Math.abs(seconds) / 60;
    String hh = pad(minutes / 60, 2);
    String mm = pad(minutes % 60, 2);
    return (seconds < 0 ? "-" : "+") + hh + (colon ? ":" : "") + mm;
  }

  private static String pad(int n, int width) {
    String s = Integer.toString(Math.abs(n));
    return (n < 0 ? "-" : "") + "0".repeat(Math.max(0, width - s.length())) + s;
  }

  static String ordinal(int n) {
    int lastTwo = n % 100;
    String suffix =
        lastTwo >= 11 && lastTwo <= 13
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }

  /**
   * ISO dates and date-times with or without seconds, fraction and offset ({@code Z}, {@code
   * +01:00}, {@code +0100}).
   */
  private static final DateTimeFormatter ISO_LENIENT =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /**
   * What JavaScript's {@code Date.toString()} prints, which records copied from JS systems carry.
   */
  private static final DateTimeFormatter JS_DATE =
      DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.ENGLISH);

  /**
   * Reads a date: a number is epoch milliseconds; otherwise ISO-8601 (local times are in {@code
   * zone}), a JavaScript date string, or text in the moment {@code inputFormat}.
   */
  static Instant parse(String value, String inputFormat, ZoneId zone) {
    String v = value.trim();
    if (v.isEmpty()) throw new TemplateException("an empty value is not a date");
    try {
      if (inputFormat != null && !inputFormat.isBlank()) return parseWith(v, inputFormat, zone);
      if (v.matches("-?\\d+")) return Instant.ofEpochMilli(Long.parseLong(v));
      if (v.matches("\\d{4}-\\d{2}-\\d{2}"))
        return LocalDate.parse(v).atStartOfDay(zone).toInstant();
      if (v.startsWith("Mon ")
          || v.startsWith("Tue ")
          || v.startsWith("Wed ")
          || v.startsWith("Thu ")
          || v.startsWith("Fri ")
          || v.startsWith("Sat ")
          || v.startsWith("Sun ")) {
        // The weekday is dropped, not checked: hand-written examples often get it wrong.
        return ZonedDateTime.parse(v.substring(4).replaceAll(" \\(.*\\)$", ""), JS_DATE)
            .toInstant();
      }
      var parsed = ISO_LENIENT.parse(v);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS))
        return OffsetDateTime.from(parsed).toInstant();
      return LocalDateTime.from(parsed).atZone(zone).toInstant();
    } catch (DateTimeException | NumberFormatException e) {
      throw new TemplateException(
          "\""
              + value
              + "\" is not a date"
              + (inputFormat == null || inputFormat.isBlank()
                  ? ""
                  : " in the format " + inputFormat));
    }
  }

  private static Instant parseWith(String v, String inputFormat, ZoneId zone) {
    if (inputFormat.equals("X")) return Instant.ofEpochSecond(Long.parseLong(v));
    if (inputFormat.equals("x")) return Instant.ofEpochMilli(Long.parseLong(v));
    var f = DateTimeFormatter.ofPattern(pattern(inputFormat), Locale.ENGLISH).withZone(zone);
    var parsed = f.parseBest(v, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
    if (parsed instanceof ZonedDateTime z) return z.toInstant();
    if (parsed instanceof LocalDateTime l) return l.atZone(zone).toInstant();
    return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
  }

  private static final String[][] PARSE_TOKENS = {
    {"YYYY", "uuuu"},
    {"YY", "uu"},
    {"MMMM", "MMMM"},
    {"MMM", "MMM"},
    {"MM", "MM"},
    {"M", "M"},
    {"DDDD", "DDD"},
    {"DD", "dd"},
    {"D", "d"},
    {"dddd", "EEEE"},
    {"ddd", "EEE"},
    {"HH", "HH"},
    {"H", "H"},
    {"hh", "hh"},
    {"h", "h"},
    {"mm", "mm"},
    {"m", "m"},
    {"ss", "ss"},
    {"s", "s"},
    {"SSS", "SSS"},
    {"SS", "SS"},
    {"S", "S"},
    {"A", "a"},
    {"a", "a"},
    {"ZZ", "xx"},
    {"Z", "xxx"}
  };

  /** A moment input format as a java.time pattern: the tokens that make sense for parsing. */
  static String pattern(String moment) {
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
      String[] match = null;
      for (String[] t : PARSE_TOKENS) {
        if (moment.startsWith(t[0], i)) {
          match = t;
          break;
        }
      }
      if (match != null) {
        out.append(match[1]);
        i += match[0].length();
      } else {
        char c = moment.charAt(i++);
        if (Character.isLetter(c)) out.append('\'').append(c).append('\'');
        else if (c == '\'') out.append("''");
        else out.append(c);
      }
    }
    return out.toString();
  }

  static ZoneId zone(String id) {
    if (id == null || id.isBlank()) return ZoneOffset.UTC;
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new TemplateException("\"" + id + "\" is not a time zone");
    }
  }

  static boolean isZone(String s) {
    if (s == null || s.isBlank()) return false;
    try {
      ZoneId.of(s);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
