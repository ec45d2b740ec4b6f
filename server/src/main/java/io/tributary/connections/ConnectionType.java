package io.tributary.connections;

import static io.tributary.resources.Checks.Kind.BOOLEAN;
import static io.tributary.resources.Checks.Kind.INTEGER;
import static io.tributary.resources.Checks.Kind.OBJECT;
import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorDescriptor;
import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.resources.Checks;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.Validation;
import io.tributary.secrets.SecretRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connections: where and how to reach a system; their credentials are secrets. The types and the
 * settings blocks adaptors serve, and their secret fields, come from the adaptors' descriptors.
 */
public final class ConnectionType {
  private static final Map<String, Checks.Kind> KINDS =
      Map.of(
          "name",
          STRING,
          "offline",
          BOOLEAN,
          "settings",
          OBJECT,
          "ftp",
          OBJECT,
          "_borrowConcurrencyFromConnectionId",
          STRING);

  /** Settings blocks checked like the served ones although no adaptor serves them yet. */
  private static final List<String> STORED_ONLY_BLOCKS = List.of("ftp");

  private ConnectionType() {}

  public static ResourceType type(Adaptors adaptors, AdaptorRegistry registry) {
    return new ResourceType(
        ResourceTypes.CONNECTIONS,
        "connection",
        "Connection",
        List.of(
            "/name",
            "/debugDate",
            "/settings",
            "/rest/cookieAuth/successStatusCode",
            "/http/ping/successPath",
            "/http/ping/successValues",
            "/http/ping/failPath",
            "/http/ping/failValues",
            "/http/auth/failStatusCode",
            "/http/auth/failPath",
            "/http/auth/failValues"),
        List.of("type", "offline"),
        Set.of(),
        Set.of("queues"),
        secrets(registry).boundTo(ConnectionDestination::of),
        (doc, v) -> validate(doc, v, adaptors));
  }

  /**
   * integrator.io's credential names anywhere (connection types without an adaptor have nothing
   * else to go by), and every field an adaptor declares secret in its connection block.
   */
  static SecretRule secrets(AdaptorRegistry registry) {
    SecretRule byName = SecretRule.byName(List.of());
    Map<String, Set<String>> declared = new HashMap<>();
    for (AdaptorDescriptor.ConnectionKind c : registry.connectionKinds()) {
      declared.computeIfAbsent(c.block(), b -> new java.util.HashSet<>()).addAll(c.secretFields());
    }
    return path ->
        byName.isSecret(path)
            || path.size() >= 2
                && declared.getOrDefault(path.get(0), Set.of()).contains(path.get(path.size() - 1));
  }

  static void validate(ObjectNode doc, Validation v, Adaptors adaptors) {
    Map<String, Checks.Kind> kinds = new HashMap<>(KINDS);
    adaptors.servedBlocks().forEach(b -> kinds.put(b, OBJECT));
    Checks.kinds(v, doc, kinds);
    if (Checks.required(v, doc, "type", "type", STRING)
        && !adaptors.connectionTypes().contains(doc.get("type").asText())) {
      v.invalid(
          "type",
          "Unknown connection type "
              + doc.get("type").asText()
              + "; one of "
              + adaptors.connectionTypes());
    }
    List<String> blocks = new java.util.ArrayList<>(adaptors.servedBlocks());
    blocks.addAll(STORED_ONLY_BLOCKS);
    for (String block : blocks) {
      JsonNode b = doc.get(block);
      if (b != null && b.isObject()) {
        if (Checks.is(v, b, "concurrencyLevel", block + ".concurrencyLevel", INTEGER)
            && b.get("concurrencyLevel").asInt() < 1) {
          v.invalid(block + ".concurrencyLevel", block + ".concurrencyLevel must be at least 1");
        }
        Checks.is(v, b, "baseURI", block + ".baseURI", STRING);
      }
    }
    v.reference(
        "_borrowConcurrencyFromConnectionId",
        ResourceTypes.CONNECTIONS,
        doc.get("_borrowConcurrencyFromConnectionId"));
  }
}
