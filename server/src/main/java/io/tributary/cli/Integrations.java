package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Finds the integration a command names, by id or by name. */
final class Integrations {
  private Integrations() {}

  /** The id of the integration {@code idOrName} names; a failure when none or several do. */
  static String find(Remote remote, String idOrName) {
    if (Ids.isId(idOrName)) return idOrName;
    String id = byName(remote, idOrName);
    if (id == null)
      throw new CliFailure(ExitCodes.API_ERROR, "no integration is named \"" + idOrName + "\"");
    return id;
  }

  /** The id of the one integration with this name, null when none; several is a failure. */
  static String byName(Remote remote, String name) {
    List<String> ids = new ArrayList<>();
    for (JsonNode i : remote.list("/v1/integrations"))
      if (name.equals(i.path("name").asText(null))) ids.add(i.path("_id").asText());
    if (ids.size() > 1) {
      throw new CliFailure(
          ExitCodes.USAGE,
          ids.size()
              + " integrations are named \""
              + name
              + "\" ("
              + String.join(", ", ids)
              + "): choose one with --integration ID");
    }
    return ids.isEmpty() ? null : ids.get(0);
  }
}
