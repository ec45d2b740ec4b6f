package io.tributary.cli;

import java.util.List;
import java.util.Set;

/**
 * The kinds of resource an integration directory holds, in the order a push writes them (what is
 * referenced comes before what references it), with the fields the server owns and a file leaves
 * out. {@link #FLOW_GROUPING} is no resource: it names a grouping inside the integration document.
 */
enum Kind {
  CONNECTION("connection", "connections", Set.of("queues", "offline")),
  SCRIPT("script", "scripts", Set.of("debugUntil")),
  INTEGRATION("integration", "integrations", Set.of()),
  EXPORT("export", "exports", Set.of()),
  IMPORT("import", "imports", Set.of()),
  FLOW("flow", "flows", Set.of("nextRunAt")),
  FLOW_GROUPING("flowGrouping", null, Set.of());

  /** What every resource answer carries and no file should: ids and times kept by the server. */
  static final Set<String> SERVER_OWNED =
      Set.of("_id", "createdAt", "lastModified", "lastExecutedAt");

  /** The resources of a directory, in push order. */
  static final List<Kind> RESOURCES =
      List.of(CONNECTION, SCRIPT, INTEGRATION, EXPORT, IMPORT, FLOW);

  /** The prefix of a reference ({@code "connection:My CRM"}). */
  final String prefix;

  /** The API's collection and the directory's folder (none for the integration). */
  final String path;

  /** Fields the server keeps up to date itself (state, not configuration). */
  final Set<String> serverState;

  Kind(String prefix, String path, Set<String> serverState) {
    this.prefix = prefix;
    this.path = path;
    this.serverState = serverState;
  }

  /** One resource of a directory. */
  record Key(Kind kind, String key) {}

  static Kind byPrefix(String prefix) {
    for (Kind k : values()) if (k.prefix.equals(prefix)) return k;
    return null;
  }
}
