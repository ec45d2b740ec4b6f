package io.tributary.connections;

import static io.tributary.resources.Checks.Kind.BOOLEAN;
import static io.tributary.resources.Checks.Kind.INTEGER;
import static io.tributary.resources.Checks.Kind.OBJECT;
import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.Checks;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.secrets.SecretRule;
import io.tributary.resources.Validation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Connections: where and how to reach a system; their credentials are secrets. */
public final class ConnectionType {
  private static final Map<String, Checks.Kind> KINDS = Map.of(
      "name", STRING, "offline", BOOLEAN, "settings", OBJECT, "http", OBJECT, "rest", OBJECT, "rdbms", OBJECT,
      "ftp", OBJECT, "_borrowConcurrencyFromConnectionId", STRING);

  private ConnectionType() {}

  public static ResourceType type() {
    return new ResourceType(ResourceTypes.CONNECTIONS, "connection", "Connection",
        List.of("/name", "/debugDate", "/settings", "/rest/cookieAuth/successStatusCode",
            "/http/ping/successPath", "/http/ping/successValues", "/http/ping/failPath", "/http/ping/failValues",
            "/http/auth/failStatusCode", "/http/auth/failPath", "/http/auth/failValues"),
        List.of("type", "offline"), Set.of(), Set.of("queues"), SecretRule.byName(List.of()).boundTo(ConnectionDestination::of), ConnectionType::validate);
  }

  static void validate(ObjectNode doc, Validation v) {
    Checks.kinds(v, doc, KINDS);
    if (Checks.required(v, doc, "type", "type", STRING) && !Adaptors.CONNECTION_TYPES.contains(doc.get("type").asText())) {
      v.invalid("type", "Unknown connection type " + doc.get("type").asText() + "; one of " + Adaptors.CONNECTION_TYPES);
    }
    for (String block : List.of("http", "rest", "rdbms", "ftp")) {
      JsonNode b = doc.get(block);
      if (b != null && b.isObject()) {
        if (Checks.is(v, b, "concurrencyLevel", block + ".concurrencyLevel", INTEGER) && b.get("concurrencyLevel").asInt() < 1) {
          v.invalid(block + ".concurrencyLevel", block + ".concurrencyLevel must be at least 1");
        }
        Checks.is(v, b, "baseURI", block + ".baseURI", STRING);
      }
    }
    v.reference("_borrowConcurrencyFromConnectionId", ResourceTypes.CONNECTIONS, doc.get("_borrowConcurrencyFromConnectionId"));
  }
}
