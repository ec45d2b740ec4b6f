package io.tributary.flowops;

import io.javalin.config.RoutesConfig;
import io.tributary.web.Requests;

/** Clone, replace a connection, dependencies. */
public final class FlowOpsRoutes {
  private final Cloner cloner;
  private final FlowOps ops;
  private final Kinds k;
  private final java.util.function.Consumer<String> cancelJobsOfFlow;

  public FlowOpsRoutes(
      Cloner cloner,
      FlowOps ops,
      Kinds kinds,
      java.util.function.Consumer<String> cancelJobsOfFlow) {
    this.cloner = cloner;
    this.ops = ops;
    this.k = kinds;
    this.cancelJobsOfFlow = cancelJobsOfFlow;
  }

  public void register(RoutesConfig routes) {
    routes.post(
        "/v1/flows/{id}/clone",
        ctx ->
            Requests.json(
                ctx, 201, cloner.cloneFlow(ctx.pathParam("id"), body(ctx), Requests.actor(ctx))));
    routes.post(
        "/v1/exports/{id}/clone",
        ctx ->
            Requests.json(
                ctx,
                201,
                cloner.cloneStep(
                    k.exports(), ctx.pathParam("id"), body(ctx), Requests.actor(ctx))));
    routes.post(
        "/v1/imports/{id}/clone",
        ctx ->
            Requests.json(
                ctx,
                201,
                cloner.cloneStep(
                    k.imports(), ctx.pathParam("id"), body(ctx), Requests.actor(ctx))));
    routes.post(
        "/v1/integrations/{id}/clone",
        ctx ->
            Requests.json(
                ctx,
                201,
                cloner.cloneIntegration(ctx.pathParam("id"), body(ctx), Requests.actor(ctx))));
    routes.put(
        "/v1/flows/{id}/replaceConnection",
        ctx -> {
          var flow =
              ops.replaceConnection(ctx.pathParam("id"), Requests.body(ctx), Requests.actor(ctx));
          cancelJobsOfFlow.accept(
              ctx.pathParam("id")); // jobs started with the old connection stop (D12)
          Requests.json(ctx, 200, flow);
        });
    for (var t :
        java.util.List.of(k.flows(), k.exports(), k.imports(), k.connections(), k.integrations())) {
      routes.get(
          "/v1/" + t.path() + "/{id}/dependencies",
          ctx -> Requests.json(ctx, 200, ops.dependencies(t, ctx.pathParam("id"))));
    }
    for (var t : java.util.List.of(k.exports(), k.imports())) {
      routes.put(
          "/v1/" + t.path() + "/{id}/replaceConnection",
          ctx -> {
            FlowOps.StepReplaced r =
                ops.replaceStepConnection(
                    t, ctx.pathParam("id"), Requests.body(ctx), Requests.actor(ctx));
            r.flows().forEach(cancelJobsOfFlow); // jobs started with the old connection stop (D12)
            Requests.json(ctx, 200, r.step());
          });
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode body(io.javalin.http.Context ctx) {
    String raw = ctx.body();
    return raw == null || raw.isBlank() ? null : Requests.body(ctx);
  }
}
