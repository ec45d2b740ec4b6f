package io.tributary.templating;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.Templating;

/** {@link Templates} behind the adaptor SPI's interface. */
public final class HandlebarsTemplating implements Templating {
  private final Templates templates;

  public HandlebarsTemplating(Templates templates) {
    this.templates = templates;
  }

  @Override
  public String render(String template, JsonNode context) {
    return templates.render(template, context);
  }

  @Override
  public String renderUri(String template, JsonNode context) {
    return templates.renderUri(template, context);
  }
}
