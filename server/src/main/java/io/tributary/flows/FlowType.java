package io.tributary.flows;

import static io.tributary.resources.Checks.Kind.ARRAY;
import static io.tributary.resources.Checks.Kind.BOOLEAN;
import static io.tributary.resources.Checks.Kind.OBJECT;
import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.Checks;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.Validation;
import io.tributary.schedule.CronSchedule;
import io.tributary.secrets.SecretRule;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The flow resource: sources (page generators), steps (page processors or routers), schedule. */
public final class FlowType {
  public static final List<String> PATCHABLE =
      List.of(
          "/name",
          "/description",
          "/schedule",
          "/timezone",
          "/disabled",
          "/runPageGeneratorsInParallel",
          "/skipRetries",
          "/pageGenerators/*/schedule",
          "/pageGenerators/*/skipRetries",
          "/routers",
          "/routers/*/name",
          "/routers/*/branches/*/name",
          "/routers/*/branches/*/description",
          "/aliases",
          "/settings",
          "/_runNextFlowIds",
          "/autoRetry");

  private static final Map<String, Checks.Kind> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("description", STRING);
    KINDS.put("disabled", BOOLEAN);
    KINDS.put("schedule", STRING);
    KINDS.put("timezone", STRING);
    KINDS.put("_flowGroupingId", STRING);
    KINDS.put("pageGenerators", ARRAY);
    KINDS.put("pageProcessors", ARRAY);
    KINDS.put("routers", ARRAY);
    KINDS.put("runPageGeneratorsInParallel", BOOLEAN);
    KINDS.put("skipRetries", BOOLEAN);
    KINDS.put("autoResolveMatchingTraceKeys", BOOLEAN);
    KINDS.put("_runNextFlowIds", ARRAY);
    KINDS.put("settings", OBJECT);
    KINDS.put("aliases", ARRAY);
    KINDS.put("autoRetry", OBJECT);
  }

  private FlowType() {}

  public static ResourceType type() {
    return new ResourceType(
        ResourceTypes.FLOWS,
        "flow",
        "Flow",
        PATCHABLE,
        List.of(),
        Set.of(),
        Set.of("lastExecutedAt", "nextRunAt"),
        SecretRule.NONE,
        FlowType::validate);
  }

  static void validate(ObjectNode doc, Validation v) {
    Checks.required(v, doc, "name", "name", STRING);
    Checks.kinds(v, doc, KINDS);
    Optional<ObjectNode> integration =
        v.reference("_integrationId", ResourceTypes.INTEGRATIONS, doc.get("_integrationId"));
    flowGrouping(doc, integration, v);
    schedule(v, doc, "schedule", "schedule");
    if (Checks.is(v, doc, "timezone", "timezone", STRING)) {
      try {
        ZoneId.of(doc.get("timezone").asText());
      } catch (DateTimeException e) {
        v.invalid("timezone", "timezone must be an IANA time zone such as America/Los_Angeles");
      }
    }
    v.reference("_exportId", ResourceTypes.EXPORTS, doc.get("_exportId"));
    v.reference("_importId", ResourceTypes.IMPORTS, doc.get("_importId"));
    pageGenerators(doc, v);
    if (has(doc, "pageProcessors") && has(doc, "routers")) {
      v.invalid("routers", "\"pageProcessors\" is not allowed when \"routers\" is present");
    }
    if (doc.path("pageProcessors").isArray())
      processors(doc.get("pageProcessors"), "pageProcessors", v);
    if (doc.path("routers").isArray())
      RouterChecks.check(doc.get("routers"), v, (list, at) -> processors(list, at, v));
    runNext(doc, v);
    aliases(doc, v);
    autoRetry(doc, v);
    Checks.scriptRefs(v, doc, "");
  }

  /** Tributary's automatic retry of transient failures: off unless enabled, bounded attempts. */
  private static void autoRetry(ObjectNode doc, Validation v) {
    JsonNode a = doc.get("autoRetry");
    if (a == null || !a.isObject()) return;
    Checks.is(v, a, "enabled", "autoRetry.enabled", BOOLEAN);
    if (Checks.is(v, a, "maxAttempts", "autoRetry.maxAttempts", Checks.Kind.INTEGER)
        && (a.get("maxAttempts").asInt() < 1 || a.get("maxAttempts").asInt() > 20)) {
      v.invalid("autoRetry.maxAttempts", "autoRetry.maxAttempts must be 1 to 20");
    }
    if (Checks.is(v, a, "backoffSeconds", "autoRetry.backoffSeconds", Checks.Kind.INTEGER)
        && a.get("backoffSeconds").asInt() < 1) {
      v.invalid("autoRetry.backoffSeconds", "autoRetry.backoffSeconds must be at least 1");
    }
  }

  private static boolean has(ObjectNode doc, String field) {
    return doc.has(field) && !doc.get(field).isNull();
  }

  private static void flowGrouping(ObjectNode doc, Optional<ObjectNode> integration, Validation v) {
    JsonNode grouping = doc.get("_flowGroupingId");
    if (grouping == null || grouping.isNull() || !grouping.isTextual()) return;
    if (!has(doc, "_integrationId")) {
      v.problem("invalid_ref", "_flowGroupingId needs an _integrationId", "_flowGroupingId");
      return;
    }
    if (integration.isEmpty()) return;
    for (JsonNode g : integration.get().path("flowGroupings")) {
      if (grouping.asText().equals(g.path("_id").asText())) return;
    }
    v.problem(
        "invalid_ref",
        "Flow grouping " + grouping.asText() + " is not one of the integration's flowGroupings",
        "_flowGroupingId");
  }

  private static void schedule(Validation v, JsonNode parent, String name, String field) {
    if (!Checks.is(v, parent, name, field, STRING)) return;
    try {
      CronSchedule.parse(parent.get(name).asText());
    } catch (IllegalArgumentException e) {
      v.invalid(field, e.getMessage());
    }
  }

  private static void pageGenerators(ObjectNode doc, Validation v) {
    JsonNode gens = doc.path("pageGenerators");
    if (!gens.isArray()) return; // a wrong kind was reported by the kind checks
    for (int i = 0; i < gens.size(); i++) {
      String at = Checks.index("pageGenerators", i);
      JsonNode g = gens.get(i);
      if (!g.isObject()) {
        v.invalid(at, at + " must be an object");
        continue;
      }
      if (Checks.required(v, g, "_exportId", at + "._exportId", STRING)) {
        v.reference(at + "._exportId", ResourceTypes.EXPORTS, g.get("_exportId"));
      }
      schedule(v, g, "schedule", at + ".schedule");
      Checks.is(v, g, "skipRetries", at + ".skipRetries", BOOLEAN);
    }
  }

  private static void processors(JsonNode list, String field, Validation v) {
    for (int i = 0; i < list.size(); i++) {
      String at = Checks.index(field, i);
      JsonNode p = list.get(i);
      if (!p.isObject()) {
        v.invalid(at, at + " must be an object");
        continue;
      }
      Checks.is(v, p, "proceedOnFailure", at + ".proceedOnFailure", BOOLEAN);
      Checks.is(v, p, "responseMapping", at + ".responseMapping", OBJECT);
      if (!Checks.required(v, p, "type", at + ".type", STRING)) continue;
      switch (p.get("type").asText()) {
        case "export" -> lookup(p, at, v);
        case "import" -> {
          if (Checks.required(v, p, "_importId", at + "._importId", STRING)) {
            v.reference(at + "._importId", ResourceTypes.IMPORTS, p.get("_importId"));
          }
        }
        default ->
            v.invalid(at + ".type", at + ".type must be \"export\" (a lookup) or \"import\"");
      }
    }
  }

  private static void lookup(JsonNode p, String at, Validation v) {
    if (!Checks.required(v, p, "_exportId", at + "._exportId", STRING)) return;
    v.reference(at + "._exportId", ResourceTypes.EXPORTS, p.get("_exportId"))
        .ifPresent(
            export -> {
              if (!export.path("isLookup").asBoolean(false)) {
                v.invalid(
                    at + "._exportId",
                    "A page processor of type \"export\" must reference an export with isLookup: true");
              }
            });
  }

  /** The flows started when this one completes; a flow naming itself would chain forever. */
  private static void runNext(ObjectNode doc, Validation v) {
    JsonNode list = doc.path("_runNextFlowIds");
    if (!list.isArray()) return;
    for (int i = 0; i < list.size(); i++) {
      String at = Checks.index("_runNextFlowIds", i);
      if (list.get(i).asText("").equals(v.selfId()))
        v.invalid(at, "A flow cannot run itself next (" + at + ").");
      else v.reference(at, ResourceTypes.FLOWS, list.get(i));
    }
  }

  private static final Map<String, String> ALIAS_REFS =
      Map.of(
          "_flowId",
          ResourceTypes.FLOWS,
          "_exportId",
          ResourceTypes.EXPORTS,
          "_importId",
          ResourceTypes.IMPORTS,
          "_connectionId",
          ResourceTypes.CONNECTIONS,
          "_scriptId",
          ResourceTypes.SCRIPTS);

  private static void aliases(ObjectNode doc, Validation v) {
    JsonNode list = doc.path("aliases");
    if (!list.isArray()) return;
    for (int i = 0; i < list.size(); i++) {
      String at = Checks.index("aliases", i);
      JsonNode a = list.get(i);
      if (!a.isObject()) {
        v.invalid(at, at + " must be an object");
        continue;
      }
      Checks.required(v, a, "alias", at + ".alias", STRING);
      // _scriptId is declared by the document-wide script walk.
      ALIAS_REFS.forEach(
          (f, t) -> {
            if (!f.equals("_scriptId")) v.reference(at + "." + f, t, a.get(f));
          });
    }
  }
}
