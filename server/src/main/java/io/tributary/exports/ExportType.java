package io.tributary.exports;

import static io.tributary.resources.Checks.Kind.BOOLEAN;
import static io.tributary.resources.Checks.Kind.OBJECT;
import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connections.Adaptors;
import io.tributary.filters.RuleChecks;
import io.tributary.resources.Checks;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.Validation;
import io.tributary.secrets.SecretRule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Exports: the sources of flows, and (with {@code isLookup}) their lookups. */
public final class ExportType {
  private static final Map<String, Checks.Kind> KINDS =
      Map.of(
          "description",
          STRING,
          "type",
          STRING,
          "isLookup",
          BOOLEAN,
          "filter",
          OBJECT,
          "inputFilter",
          OBJECT,
          "transform",
          OBJECT,
          "hooks",
          OBJECT,
          "settings",
          OBJECT,
          "traceKeyTemplate",
          STRING);

  private ExportType() {}

  public static ResourceType type(Adaptors adaptors) {
    return new ResourceType(
        ResourceTypes.EXPORTS,
        "export",
        "Export",
        List.of(
            "/name",
            "/description",
            "/debugUntil",
            "/settings",
            "/salesforce/distributed/disabled",
            "/netsuite/distributed/disabled",
            "/assistantMetadata"),
        List.of("adaptorType"),
        Set.of(),
        Set.of(),
        // Webhook verification keys and tokens are secrets; paging tokens elsewhere are not.
        SecretRule.byName(List.of("webhook")),
        (doc, v) -> validate(doc, v, adaptors));
  }

  static void validate(ObjectNode doc, Validation v, Adaptors adaptors) {
    Checks.required(v, doc, "name", "name", STRING);
    Checks.kinds(v, doc, KINDS);
    io.tributary.resources.Sizes.check(v, doc, "pageSize");
    adaptors.check(doc, v, true);
    if ("WebhookExport".equals(doc.path("adaptorType").asText()))
      io.tributary.webhooks.WebhookChecks.check(doc, v);
    RuleChecks.filter(v, doc, "filter");
    RuleChecks.filter(v, doc, "inputFilter");
    RuleChecks.transform(v, doc, "transform");
    Checks.scriptRefs(v, doc, "");
  }
}
