package io.tributary.integrations;

import static io.tributary.resources.Checks.Kind.ARRAY;
import static io.tributary.resources.Checks.Kind.OBJECT;
import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.resources.Checks;
import io.tributary.resources.Referrer;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.StoredDoc;
import io.tributary.resources.Validation;
import io.tributary.secrets.SecretRule;
import io.tributary.web.Actor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Integrations: named groups of flows, with their flow groupings and settings. */
public final class IntegrationType {
  private static final Map<String, Checks.Kind> KINDS =
      Map.of(
          "description",
          STRING,
          "readme",
          STRING,
          "flowGroupings",
          ARRAY,
          "settings",
          OBJECT,
          "_registeredConnectionIds",
          ARRAY);

  private IntegrationType() {}

  public static ResourceType type(Ids ids, ResourceType flows) {
    return new ResourceType(
        ResourceTypes.INTEGRATIONS,
        "integration",
        "Integration",
        List.of(
            "/name",
            "/description",
            "/readme",
            "/settings",
            "/flowGroupings",
            "/_registeredConnectionIds"),
        List.of(),
        Set.of(),
        Set.of(),
        SecretRule.NONE,
        (doc, v) -> validate(doc, v, ids),
        (tx, before, after, actor) -> ungroup(tx, flows, before, after, actor));
  }

  /**
   * A flow grouping taken out of the integration leaves its flows ungrouped, as in integrator.io.
   */
  private static void ungroup(
      ResourceService.Tx tx, ResourceType flows, StoredDoc before, StoredDoc after, Actor actor) {
    Set<String> removed = new HashSet<>();
    before.body().path("flowGroupings").forEach(g -> removed.add(g.path("_id").asText()));
    after.body().path("flowGroupings").forEach(g -> removed.remove(g.path("_id").asText()));
    if (removed.isEmpty()) return;
    for (Referrer r : tx.referrers(after.id())) {
      if (!r.type().equals(ResourceTypes.FLOWS)) continue;
      tx.find(flows, r.id())
          .filter(f -> removed.contains(f.body().path("_flowGroupingId").asText()))
          .ifPresent(
              f ->
                  tx.update(
                      flows,
                      f.id(),
                      doc -> {
                        doc.remove("_flowGroupingId");
                        return doc;
                      },
                      actor,
                      "Its flow grouping was removed from integration " + after.id()));
    }
  }

  static void validate(ObjectNode doc, Validation v, Ids ids) {
    Checks.required(v, doc, "name", "name", STRING);
    Checks.kinds(v, doc, KINDS);
    JsonNode groupings = doc.path("flowGroupings");
    Set<String> seen = new HashSet<>();
    for (int i = 0; groupings.isArray() && i < groupings.size(); i++) {
      String at = Checks.index("flowGroupings", i);
      if (!(groupings.get(i) instanceof ObjectNode g)) {
        v.invalid(at, at + " must be an object");
        continue;
      }
      Checks.required(v, g, "name", at + ".name", STRING);
      if (!g.hasNonNull("_id")) g.put("_id", ids.next()); // groupings get ids as resources do
      else if (!Ids.isId(g.get("_id").asText("")))
        v.invalid(at + "._id", at + "._id must be a 24-hex id");
      else if (!seen.add(g.get("_id").asText()))
        v.invalid(at + "._id", "Duplicate flow grouping id " + g.get("_id").asText());
    }
    JsonNode registered = doc.path("_registeredConnectionIds");
    for (int i = 0; registered.isArray() && i < registered.size(); i++) {
      v.reference(
          Checks.index("_registeredConnectionIds", i),
          ResourceTypes.CONNECTIONS,
          registered.get(i));
    }
  }
}
