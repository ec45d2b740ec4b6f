package io.tributary.flowops;

import io.tributary.resources.Ref;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceTypes;
import java.util.LinkedHashSet;
import java.util.Set;

/** The resources one flow is made of: its steps, their connections and every script they name. */
public record FlowParts(
    Set<String> exports, Set<String> imports, Set<String> connections, Set<String> scripts) {

  public static FlowParts of(ResourceService.Tx tx, String flowId) {
    FlowParts p =
        new FlowParts(
            new LinkedHashSet<>(),
            new LinkedHashSet<>(),
            new LinkedHashSet<>(),
            new LinkedHashSet<>());
    for (Ref r : tx.refsFrom(flowId)) {
      switch (r.targetType()) {
        case ResourceTypes.EXPORTS -> p.exports.add(r.targetId());
        case ResourceTypes.IMPORTS -> p.imports.add(r.targetId());
        case ResourceTypes.SCRIPTS -> p.scripts.add(r.targetId());
        default -> {}
      }
    }
    for (String step : p.steps()) {
      for (Ref r : tx.refsFrom(step)) {
        if (r.targetType().equals(ResourceTypes.CONNECTIONS)) p.connections.add(r.targetId());
        if (r.targetType().equals(ResourceTypes.SCRIPTS)) p.scripts.add(r.targetId());
      }
    }
    return p;
  }

  public Set<String> steps() {
    Set<String> all = new LinkedHashSet<>(exports);
    all.addAll(imports);
    return all;
  }
}
