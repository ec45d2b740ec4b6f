package io.tributary.templating;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** One Templates on a fixed clock, and a short way to render against a context written as JSON. */
final class Fixture {
  static final Instant NOW = Instant.parse("2026-11-28T12:34:56.789Z");
  static final Templates TEMPLATES = new Templates(Clock.fixed(NOW, ZoneOffset.UTC));

  private Fixture() {}

  static String render(String template, String contextJson) {
    return TEMPLATES.render(template, Json.parse(contextJson));
  }

  static String render(String template) {
    return render(template, "{}");
  }

  static JsonNode json(String s) {
    return Json.parse(s);
  }
}
