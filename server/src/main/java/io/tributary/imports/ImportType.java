package io.tributary.imports;

import static io.tributary.resources.Checks.Kind.ARRAY;
import static io.tributary.resources.Checks.Kind.BOOLEAN;
import static io.tributary.resources.Checks.Kind.OBJECT;
import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connections.Adaptors;
import io.tributary.filters.RuleChecks;
import io.tributary.resources.Checks;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.Validation;
import io.tributary.secrets.SecretRule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Imports: the destinations of flows. */
public final class ImportType {
  private static final Map<String, Checks.Kind> KINDS =
      Map.of(
          "description",
          STRING,
          "mapping",
          OBJECT,
          "mappings",
          ARRAY,
          "lookups",
          ARRAY,
          "filter",
          OBJECT,
          "hooks",
          OBJECT,
          "settings",
          OBJECT,
          "ignoreExisting",
          BOOLEAN,
          "ignoreMissing",
          BOOLEAN,
          "traceKeyTemplate",
          STRING);

  private ImportType() {}

  public static ResourceType type(Adaptors adaptors) {
    return new ResourceType(
        ResourceTypes.IMPORTS,
        "import",
        "Import",
        List.of("/name", "/description", "/debugUntil", "/settings", "/assistantMetadata"),
        List.of("adaptorType"),
        Set.of(),
        Set.of(),
        SecretRule.NONE,
        (doc, v) -> validate(doc, v, adaptors));
  }

  static void validate(ObjectNode doc, Validation v, Adaptors adaptors) {
    Checks.required(v, doc, "name", "name", STRING);
    Checks.kinds(v, doc, KINDS);
    if (doc.hasNonNull("mapping") && doc.hasNonNull("mappings")) {
      v.invalid("mappings", "Use either mapping (Mapper 1.0) or mappings (Mapper 2.0), not both");
    }
    adaptors.check(doc, v, false);
    for (String size :
        List.of(
            "http.batchSize",
            "rest.batchSize",
            "rdbms.bulkInsert.batchSize",
            "rdbms.bulkLoad.batchSize")) {
      io.tributary.resources.Sizes.check(v, doc, size);
    }
    RuleChecks.filter(v, doc, "filter");
    Checks.scriptRefs(v, doc, "");
  }
}
