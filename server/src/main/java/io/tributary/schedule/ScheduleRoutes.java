package io.tributary.schedule;

import io.javalin.config.RoutesConfig;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.web.ApiException;
import io.tributary.web.Requests;

/** {@code GET /v1/flows/:id/schedule/preview?count=N}: the next N firings. */
public final class ScheduleRoutes {
  private static final int MAX = 100;
  private final Schedules schedules;
  private final ResourceService resources;
  private final ResourceType flows;

  public ScheduleRoutes(Schedules schedules, ResourceService resources, ResourceType flows) {
    this.schedules = schedules;
    this.resources = resources;
    this.flows = flows;
  }

  public void register(RoutesConfig routes) {
    routes.get(
        "/v1/flows/{id}/schedule/preview",
        ctx -> {
          var flow = resources.get(flows, ctx.pathParam("id"));
          int count = 5;
          String c = ctx.queryParam("count");
          if (c != null) {
            if (!c.matches("\\d{1,3}") || Integer.parseInt(c) < 1 || Integer.parseInt(c) > MAX) {
              throw ApiException.badRequest(
                  "invalid_query_params", "count must be a whole number from 1 to " + MAX);
            }
            count = Integer.parseInt(c);
          }
          Requests.json(ctx, 200, schedules.preview(flow, count));
        });
  }
}
