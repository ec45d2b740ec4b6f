package io.tributary.templating;

import static io.tributary.templating.Fixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fixed clock reads 2026-11-28T12:34:56.789Z. */
class DateHelpersTest {
  private static final String CTX =
      """
      {"record":{"when":"2026-01-02T03:04:05Z","ref":"2020-07-09T19:59:39.156Z","local":"2026-03-08 01:30:00",
                 "dmy":"02/01/2026","millis":1594324779156,"seconds":"1594324779","offset":"2026-01-02T03:04:05.5+0100",
                 "js":"Mon Nov 21 2019 20:00:00 GMT+0000"}}""";

  private String r(String template) {
    return render(template, CTX);
  }

  @Test
  void dateFormatTakesTheOutputFormatThenTheDateThenAnOptionalZone() {
    assertThat(r("{{dateFormat \"YYYY-MM-DD HH:mm\" record.when}}")).isEqualTo("2026-01-02 03:04");
    assertThat(r("{{dateFormat \"YYYY-MM-DD\" record.when \"America/New_York\"}}"))
        .isEqualTo("2026-01-01");
    assertThat(r("{{dateFormat \"YYYY-MM-DD HH:mm Z\" record.when \"America/New_York\"}}"))
        .isEqualTo("2026-01-01 22:04 -05:00");
    assertThat(r("{{dateFormat \"MM-DD-YYYY hh:mm A\" \"2025-03-26T12:34:56Z\"}}"))
        .isEqualTo("03-26-2025 12:34 PM");
    assertThat(r("{{dateFormat \"YYYY-MM-DD [at] HH:mm\" record.ref}}"))
        .isEqualTo("2020-07-09 at 19:59");
  }

  @Test
  void dateFormatWithAnInputFormat() {
    assertThat(r("{{dateFormat \"YYYY-MM-DD\" record.dmy \"DD/MM/YYYY\"}}"))
        .isEqualTo("2026-01-02");
    assertThat(r("{{dateFormat \"X\" record.dmy \"DD/MM/YYYY\" \"UTC\"}}")).isEqualTo("1767312000");
    // A local input read in the zone it is given in, then printed in that zone's offset.
    assertThat(
            r("{{dateFormat \"YYYY-MM-DDTHH:mm:ssZ\" record.dmy \"DD/MM/YYYY\" \"Asia/Tokyo\"}}"))
        .isEqualTo("2026-01-02T00:00:00+09:00");
    assertThat(r("{{dateFormat \"YYYY-MM-DD\" record.seconds \"X\"}}")).isEqualTo("2020-07-09");
  }

  @Test
  void dateFormatReadsEpochMillisIsoVariantsAndJavaScriptDates() {
    assertThat(r("{{dateFormat \"YYYY-MM-DD HH:mm:ss.SSS\" record.millis}}"))
        .isEqualTo("2020-07-09 19:59:39.156");
    assertThat(r("{{dateFormat \"HH:mm:ss.SSS\" record.offset}}")).isEqualTo("02:04:05.500");
    assertThat(r("{{dateFormat \"YYYY-MM-DD HH:mm\" record.local \"America/New_York\"}}"))
        .isEqualTo("2026-03-08 01:30");
    assertThat(r("{{dateFormat \"YYYY-MM-DD HH:mm\" record.js}}")).isEqualTo("2019-11-21 20:00");
  }

  @Test
  void momentTokens() {
    String ref = "record.ref";
    assertThat(r("{{dateFormat \"M Mo MM MMM MMMM Q\" " + ref + "}}"))
        .isEqualTo("7 7th 07 Jul July 3");
    assertThat(r("{{dateFormat \"D Do DD DDD DDDD\" " + ref + "}}")).isEqualTo("9 9th 09 191 191");
    assertThat(r("{{dateFormat \"d dd ddd dddd E\" " + ref + "}}"))
        .isEqualTo("4 Th Thu Thursday 4");
    assertThat(r("{{dateFormat \"YY YYYY w ww W WW\" " + ref + "}}"))
        .isEqualTo("20 2020 28 28 28 28");
    assertThat(r("{{dateFormat \"H HH h hh k A a m mm s ss S SS SSS\" " + ref + "}}"))
        .isEqualTo("19 19 7 07 19 PM pm 59 59 39 39 1 15 156");
    assertThat(r("{{dateFormat \"Z ZZ X x\" " + ref + "}}"))
        .isEqualTo("+00:00 +0000 1594324779 1594324779156");
    assertThat(r("{{dateFormat \"L|LL|LLL|LLLL\" " + ref + "}}"))
        .isEqualTo("07/09/2020|July 9, 2020|July 9, 2020 7:59 PM|Thursday, July 9, 2020 7:59 PM");
    assertThat(
            r(
                "{{dateFormat \"Do\" \"2026-01-01\"}} {{dateFormat \"Do\" \"2026-01-02\"}} {{dateFormat \"Do\" \"2026-01-03\"}} {{dateFormat \"Do\" \"2026-01-11\"}} {{dateFormat \"Do\" \"2026-01-22\"}}"))
        .isEqualTo("1st 2nd 3rd 11th 22nd");
  }

  @Test
  void dateFormatWithoutADateFormatsNow() {
    assertThat(r("{{dateFormat \"YYYY-MM-DD\"}}|{{dateFormat \"YYYY\" record.missing}}"))
        .isEqualTo("2026-11-28|2026");
    assertThat(r("{{dateFormat \"\" record.when}}")).isEqualTo("2026-01-02T03:04:05.000Z");
  }

  @Test
  void dateAddAddsMillisecondsAndAnswersIsoWithMilliseconds() {
    assertThat(r("{{dateAdd record.when}}")).isEqualTo("2026-01-02T03:04:05.000Z");
    assertThat(r("{{dateAdd record.when 86400000}}")).isEqualTo("2026-01-03T03:04:05.000Z");
    assertThat(r("{{dateAdd \"2025-05-10T00:00:00Z\" \"-43200000\"}}"))
        .isEqualTo("2025-05-09T12:00:00.000Z");
    assertThat(r("{{dateAdd \"2025-03-26T00:00:00Z\" \"86400000\" \"Asia/Hong_Kong\"}}"))
        .isEqualTo("2025-03-27T08:00:00.000+08:00");
    assertThat(r("{{dateAdd record.js}}")).isEqualTo("2019-11-21T20:00:00.000Z");
    assertThat(r("{{dateAdd record.when \"1E6\"}}")).isEqualTo("2026-01-02T03:20:45.000Z");
    assertThat(r("{{dateFormat \"YYYY-MM-DD\" (dateAdd record.when -86400000)}}"))
        .isEqualTo("2026-01-01");
  }

  @Test
  void timestampIsNowFromTheClock() {
    assertThat(r("{{timestamp}}")).isEqualTo("2026-11-28T12:34:56.789Z");
    assertThat(r("{{timestamp \"YYYYMMDD-HHmmss\"}}")).isEqualTo("20261128-123456");
    assertThat(r("{{timestamp \"YYYY-MM-DD HH:mm\" \"America/Los_Angeles\"}}"))
        .isEqualTo("2026-11-28 04:34");
    assertThat(r("{{timestamp \"\" \"Asia/Tokyo\"}}")).isEqualTo("2026-11-28T21:34:56.789+09:00");
    assertThat(r("{{timestamp \"x\"}}")).isEqualTo(Long.toString(Fixture.NOW.toEpochMilli()));
  }

  @Test
  void badDatesAndZonesAreTemplateExceptions() {
    assertThatThrownBy(() -> r("{{dateFormat \"YYYY\" \"not a date\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("\"not a date\" is not a date")
        .hasMessageContaining("in template");
    assertThatThrownBy(() -> r("{{dateFormat \"YYYY\" \"31/31/2026\" \"DD/MM/YYYY\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("in the format DD/MM/YYYY");
    assertThatThrownBy(() -> r("{{dateFormat \"YYYY\" record.when \"DD/MM/YYYY\" \"Mars/Base\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("\"Mars/Base\" is not a time zone");
    assertThatThrownBy(() -> r("{{timestamp \"YYYY\" \"Nowhere/City\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("time zone");
    assertThatThrownBy(() -> r("{{dateAdd record.when \"soon\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> r("{{dateAdd record.when 1.5}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("whole number");
  }
}
