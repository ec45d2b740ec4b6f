package io.tributary.integrations;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.resources.ListFilters;
import io.tributary.resources.ResourceRoutes;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.web.ApiException;
import java.util.Map;

/**
 * {@code GET /v1/integrations/:id/flows|exports|imports|connections}: what an integration holds and
 * uses.
 */
public final class IntegrationRoutes {
  private static final String STEPS = ListFilters.STEPS;
  private static final String CONNECTIONS = ListFilters.CONNECTIONS;

  private final ResourceService service;
  private final ResourceRoutes lists;

  public IntegrationRoutes(ResourceService service, ResourceRoutes lists) {
    this.service = service;
    this.lists = lists;
  }

  public void register(
      RoutesConfig routes,
      ResourceType integrations,
      ResourceType flows,
      ResourceType exports,
      ResourceType imports,
      ResourceType connections) {
    routes.get(
        "/v1/integrations/{id}/flows",
        ctx -> sub(ctx, integrations, flows, "integration_id = :iid"));
    routes.get("/v1/integrations/{id}/exports", ctx -> sub(ctx, integrations, exports, STEPS));
    routes.get("/v1/integrations/{id}/imports", ctx -> sub(ctx, integrations, imports, STEPS));
    routes.get(
        "/v1/integrations/{id}/connections",
        ctx -> sub(ctx, integrations, connections, CONNECTIONS));
  }

  private void sub(Context ctx, ResourceType integrations, ResourceType t, String condition) {
    String id = ctx.pathParam("id");
    if (service.find(integrations, id).isEmpty()) throw ApiException.notFound("Integration");
    lists.list(ctx, t, condition, Map.of("iid", id), false);
  }
}
