package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.Templating;
import io.tributary.core.Problem;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.web.Actor;
import io.tributary.web.Json;
import java.time.Clock;

/** Pings connections through their adaptors, with the same throttle and roots a step would get. */
public final class ConnectionPings {
  private final ResourceService resources;
  private final ResourceType connections;
  private final AdaptorRegistry adaptors;
  private final Templating templating;
  private final ConnectionThrottles throttles;
  private final Clock clock;

  public ConnectionPings(
      ResourceService resources,
      ResourceType connections,
      AdaptorRegistry adaptors,
      Templating templating,
      ConnectionThrottles throttles,
      Clock clock) {
    this.resources = resources;
    this.connections = connections;
    this.adaptors = adaptors;
    this.templating = templating;
    this.throttles = throttles;
    this.clock = clock;
  }

  /**
   * Pings a connection through its adaptor and keeps its {@code offline} flag in step with the
   * answer. Answers null when it works, else why not.
   */
  public AdaptorException ping(String connectionId) {
    StoredDoc stored =
        resources.find(connections, connectionId).orElseThrow(() -> Problem.notFound("Connection"));
    ObjectNode connection = resources.revealed(connections, stored);
    String type = connection.path("type").asText();
    Adaptor adaptor =
        RedactingAdaptor.of(
            adaptors
                .forConnectionType(type)
                .orElseThrow(
                    () ->
                        Problem.invalid(
                            "invalid_field",
                            "Connections of type " + type + " cannot be pinged yet.",
                            "type")),
            ConnectionRedactors.of(connection, connections.secrets()));
    ObjectNode ctx = Json.object();
    ctx.set("connection", connection);
    ctx.putObject("settings")
        .set(
            "connection",
            connection.path("settings").isObject() ? connection.get("settings") : Json.object());
    AdaptorException failure = null;
    try {
      adaptor.ping(
          new StepContext(
              connection,
              connection,
              ctx,
              templating,
              throttles.forJob(connectionId, connection, adaptor, () -> false),
              () -> false,
              clock,
              Engine.MAX_RESPONSE_BYTES));
    } catch (AdaptorException e) {
      failure = e;
    }
    boolean offline = failure != null;
    if (stored.body().path("offline").asBoolean(false) != offline) {
      resources.update(connections, connectionId, c -> c.put("offline", offline), Actor.system());
    }
    return failure;
  }
}
