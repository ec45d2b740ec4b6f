package io.tributary.integrations;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.resources.ResourceRoutes;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.web.ApiException;
import java.util.Map;

/** {@code GET /v1/integrations/:id/flows|exports|imports|connections}: what an integration holds and uses. */
public final class IntegrationRoutes {
  // Exports and imports used by the integration's flows (or naming the integration themselves).
  private static final String STEPS = "integration_id = :iid or id in (select rr.to_id from resource_refs rr "
      + "join resources f on f.id = rr.from_id where f.type = 'flows' and f.integration_id = :iid)";
  // Connections of those steps, the flows' aliases, and the integration's registered connections.
  private static final String CONNECTIONS = "id in (select rr.to_id from resource_refs rr where rr.from_id = :iid "
      + "or rr.from_id in (select f.id from resources f where f.type = 'flows' and f.integration_id = :iid) "
      + "or rr.from_id in (select s.id from resources s where s.type in ('exports', 'imports') and (s.integration_id = :iid "
      + "or s.id in (select rr2.to_id from resource_refs rr2 join resources f2 on f2.id = rr2.from_id "
      + "where f2.type = 'flows' and f2.integration_id = :iid))))";

  private final ResourceService service;
  private final ResourceRoutes lists;

  public IntegrationRoutes(ResourceService service, ResourceRoutes lists) {
    this.service = service;
    this.lists = lists;
  }

  public void register(RoutesConfig routes, ResourceType integrations, ResourceType flows, ResourceType exports,
      ResourceType imports, ResourceType connections) {
    routes.get("/v1/integrations/{id}/flows", ctx -> sub(ctx, integrations, flows, "integration_id = :iid"));
    routes.get("/v1/integrations/{id}/exports", ctx -> sub(ctx, integrations, exports, STEPS));
    routes.get("/v1/integrations/{id}/imports", ctx -> sub(ctx, integrations, imports, STEPS));
    routes.get("/v1/integrations/{id}/connections", ctx -> sub(ctx, integrations, connections, CONNECTIONS));
  }

  private void sub(Context ctx, ResourceType integrations, ResourceType t, String condition) {
    String id = ctx.pathParam("id");
    if (service.find(integrations, id).isEmpty()) throw ApiException.notFound("Integration");
    lists.list(ctx, t, condition, Map.of("iid", id), false);
  }
}
