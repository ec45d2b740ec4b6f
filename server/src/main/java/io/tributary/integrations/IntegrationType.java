package io.tributary.integrations;

import static io.tributary.resources.Checks.Kind.ARRAY;
import static io.tributary.resources.Checks.Kind.OBJECT;
import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.Checks;
import io.tributary.resources.Ids;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.SecretRule;
import io.tributary.resources.Validation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Integrations: named groups of flows, with their flow groupings and settings. */
public final class IntegrationType {
  private static final Map<String, Checks.Kind> KINDS = Map.of(
      "description", STRING, "readme", STRING, "flowGroupings", ARRAY, "settings", OBJECT,
      "_registeredConnectionIds", ARRAY);

  private IntegrationType() {}

  public static ResourceType type(Ids ids) {
    return new ResourceType(ResourceTypes.INTEGRATIONS, "integration", "Integration",
        List.of("/name", "/description", "/readme", "/settings", "/flowGroupings", "/_registeredConnectionIds"),
        List.of(), Set.of(), Set.of(), SecretRule.NONE, (doc, v) -> validate(doc, v, ids));
  }

  static void validate(ObjectNode doc, Validation v, Ids ids) {
    Checks.required(v, doc, "name", "name", STRING);
    Checks.kinds(v, doc, KINDS);
    JsonNode groupings = doc.path("flowGroupings");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < groupings.size(); i++) {
      String at = Checks.index("flowGroupings", i);
      if (!(groupings.get(i) instanceof ObjectNode g)) {
        v.invalid(at, at + " must be an object");
        continue;
      }
      Checks.required(v, g, "name", at + ".name", STRING);
      if (!g.hasNonNull("_id")) g.put("_id", ids.next()); // groupings get ids as resources do
      else if (!Ids.isId(g.get("_id").asText(""))) v.invalid(at + "._id", at + "._id must be a 24-hex id");
      else if (!seen.add(g.get("_id").asText())) v.invalid(at + "._id", "Duplicate flow grouping id " + g.get("_id").asText());
    }
    JsonNode registered = doc.path("_registeredConnectionIds");
    for (int i = 0; i < registered.size(); i++) {
      v.reference(Checks.index("_registeredConnectionIds", i), ResourceTypes.CONNECTIONS, registered.get(i));
    }
  }
}
