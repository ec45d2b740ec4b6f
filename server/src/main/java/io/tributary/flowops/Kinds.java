package io.tributary.flowops;

import io.tributary.resources.ResourceType;
import java.util.List;

/** The resource types flow operations copy and rewrite. */
public record Kinds(
    ResourceType flows,
    ResourceType exports,
    ResourceType imports,
    ResourceType connections,
    ResourceType integrations,
    ResourceType scripts) {

  public ResourceType of(String path) {
    for (ResourceType t : List.of(flows, exports, imports, connections, integrations, scripts)) {
      if (t.path().equals(path)) return t;
    }
    throw new IllegalArgumentException("unknown type " + path);
  }
}
