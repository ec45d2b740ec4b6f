package io.tributary.access;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller (a token or a signed-in person) may reach. {@code all} is the level granted over
 * everything (null: nothing account-wide); the maps grant a level over single integrations (and all
 * they hold), connections, exports and imports. Only {@code all == ADMIN} is full access: tokens,
 * people and the cluster are for full access alone.
 */
public record Scope(
    Level all,
    Map<String, Level> integrations,
    Map<String, Level> connections,
    Map<String, Level> exports,
    Map<String, Level> imports) {

  public Scope {
    integrations = Map.copyOf(integrations);
    connections = Map.copyOf(connections);
    exports = Map.copyOf(exports);
    imports = Map.copyOf(imports);
  }

  public static Scope full() {
    return new Scope(Level.ADMIN, Map.of(), Map.of(), Map.of(), Map.of());
  }

  public boolean isFull() {
    return all == Level.ADMIN;
  }

  /** Whether everything is granted at {@code min} or above (no filtering needed). */
  public boolean everything(Level min) {
    return all != null && all.atLeast(min);
  }

  public Set<String> integrationIds(Level min) {
    return atLeast(integrations, min);
  }

  public Set<String> connectionIds(Level min) {
    return atLeast(connections, min);
  }

  public Set<String> exportIds(Level min) {
    return atLeast(exports, min);
  }

  public Set<String> importIds(Level min) {
    return atLeast(imports, min);
  }

  private static Set<String> atLeast(Map<String, Level> grants, Level min) {
    return grants.entrySet().stream()
        .filter(e -> e.getValue().atLeast(min))
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }
}
