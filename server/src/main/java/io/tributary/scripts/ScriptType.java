package io.tributary.scripts;

import static io.tributary.resources.Checks.Kind.STRING;

import io.tributary.resources.Checks;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.secrets.SecretRule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Scripts: JavaScript that hooks, filters and transforms call by function name. */
public final class ScriptType {
  private ScriptType() {}

  public static ResourceType type() {
    return new ResourceType(
        ResourceTypes.SCRIPTS,
        "script",
        "Script",
        List.of("/name", "/description", "/content", "/debugUntil"),
        List.of(),
        Set.of("content"),
        Set.of("debugUntil"),
        SecretRule.NONE,
        (doc, v) ->
            Checks.kinds(v, doc, Map.of("name", STRING, "description", STRING, "content", STRING)));
  }
}
