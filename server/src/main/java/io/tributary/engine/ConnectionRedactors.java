package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Redactor;
import io.tributary.secrets.SecretRule;
import io.tributary.secrets.Secrets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Redactor} of a connection: its secret values, and the Basic-auth pairs made of them.
 */
final class ConnectionRedactors {
  private ConnectionRedactors() {}

  static Redactor of(ObjectNode revealedConnection, SecretRule rule) {
    if (revealedConnection == null) return Redactor.NONE;
    List<String> pairs = new ArrayList<>();
    collectPairs(revealedConnection, pairs);
    return Redactor.of(Secrets.values(revealedConnection, rule), pairs);
  }

  /**
   * Every {@code {username, password}} object, as Basic auth sends it ("user:password", then
   * base64).
   */
  private static void collectPairs(JsonNode node, List<String> out) {
    if (node.isObject()
        && node.path("username").isTextual()
        && node.path("password").isTextual()
        && node.get("password").asText().length() >= Redactor.MIN_LENGTH) {
      out.add(node.get("username").asText() + ":" + node.get("password").asText());
    }
    if (node.isContainerNode()) node.forEach(child -> collectPairs(child, out));
  }
}
