package io.tributary.scripts;

import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.scripting.ScriptSettings;
import io.tributary.scripting.Scripts;

/** Builds the script runner over the stored scripts. */
public final class ScriptStore {
  private ScriptStore() {}

  public static Scripts scripts(
      ResourceService service, ResourceType scripts, Scripts.LogSink logs) {
    Scripts.Store store =
        id ->
            service
                .find(scripts, id)
                .map(
                    d ->
                        new Scripts.Script(
                            d.id(), d.lastModified(), d.body().path("content").asText("")));
    return Scripts.isolated(store, logs, ScriptSettings.fromEnv(System.getenv()));
  }
}
