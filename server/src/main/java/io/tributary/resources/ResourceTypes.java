package io.tributary.resources;

import java.util.Map;

/** Names of the stored resource types, shared by validators that reference one another. */
public final class ResourceTypes {
  public static final String FLOWS = "flows";
  public static final String EXPORTS = "exports";
  public static final String IMPORTS = "imports";
  public static final String CONNECTIONS = "connections";
  public static final String INTEGRATIONS = "integrations";
  public static final String SCRIPTS = "scripts";

  private static final Map<String, String> LABELS =
      Map.of(
          FLOWS,
          "Flow",
          EXPORTS,
          "Export",
          IMPORTS,
          "Import",
          CONNECTIONS,
          "Connection",
          INTEGRATIONS,
          "Integration",
          SCRIPTS,
          "Script");

  private ResourceTypes() {}

  public static String label(String type) {
    return LABELS.getOrDefault(type, type);
  }
}
