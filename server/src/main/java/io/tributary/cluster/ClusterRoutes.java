package io.tributary.cluster;

import io.javalin.config.RoutesConfig;
import io.tributary.web.Requests;

/** {@code GET /v1/cluster}: the nodes sharing this store (full-access tokens: AccessPolicy). */
public final class ClusterRoutes {
  private final Cluster cluster;

  public ClusterRoutes(Cluster cluster) {
    this.cluster = cluster;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/cluster", ctx -> Requests.json(ctx, 200, cluster.describe()));
  }
}
