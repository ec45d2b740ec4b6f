package io.tributary.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.access.Level;
import io.tributary.access.Scope;
import io.tributary.core.Times;
import io.tributary.web.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person invited to the account. {@code doc} holds what an administrator sets: {@code name},
 * {@code accessLevel} (administrator, manage, monitor; absent = integration-only), {@code
 * integrationAccessLevel} and {@code disabled}.
 */
public record Person(
    String id,
    String userId,
    String email,
    boolean accepted,
    Long lastSignIn,
    long createdAt,
    long lastModified,
    ObjectNode doc) {

  public String name() {
    return doc.path("name").asText(email);
  }

  public boolean disabled() {
    return doc.path("disabled").asBoolean(false);
  }

  /** The same scope a token gets (D29): an administrator has full access. */
  public Scope scope() {
    Level all = Level.parse(doc.path("accessLevel").asText(null));
    if (all == Level.ADMIN) return Scope.full();
    Map<String, Level> integrations = new LinkedHashMap<>();
    for (JsonNode g : doc.path("integrationAccessLevel")) {
      integrations.put(
          g.path("_integrationId").asText(), Level.parse(g.path("accessLevel").asText()));
    }
    return new Scope(all, integrations, Map.of(), Map.of(), Map.of());
  }

  /** The original's ashare shape. */
  public ObjectNode view() {
    ObjectNode out = Json.object();
    out.put("_id", id);
    if (doc.hasNonNull("accessLevel")) out.put("accessLevel", doc.get("accessLevel").asText());
    out.set(
        "integrationAccessLevel",
        doc.path("integrationAccessLevel").isArray()
            ? doc.get("integrationAccessLevel").deepCopy()
            : Json.MAPPER.createArrayNode());
    out.put("accepted", accepted);
    out.put("disabled", disabled());
    ObjectNode user = out.putObject("sharedWithUser");
    user.put("_id", userId);
    user.put("email", email);
    user.put("name", name());
    if (lastSignIn != null) user.put("lastSignIn", Times.iso(lastSignIn));
    out.put("createdAt", Times.iso(createdAt));
    out.put("lastModified", Times.iso(lastModified));
    return out;
  }
}
