package io.tributary.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.access.Guard;
import io.tributary.access.Kind;
import io.tributary.access.Level;
import io.tributary.access.Visibility;
import io.tributary.core.Ids;
import io.tributary.web.ApiException;
import io.tributary.web.Requests;
import java.util.List;
import java.util.function.Function;

/** {@code /v1/jobs}: find jobs, read one (with its children), cancel one. */
public final class JobRoutes {
  private final JobStore jobs;
  private final JobViews views;
  private final Function<String, Job> cancel;
  private final java.util.function.Predicate<String> integrationExists;

  /** {@code cancel} cancels a flow job and answers it as it is then (the run machinery does it). */
  public JobRoutes(
      JobStore jobs,
      JobViews views,
      Function<String, Job> cancel,
      java.util.function.Predicate<String> integrationExists) {
    this.jobs = jobs;
    this.views = views;
    this.cancel = cancel;
    this.integrationExists = integrationExists;
  }

  public void register(RoutesConfig routes) {
    routes.get(
        "/v1/jobs",
        ctx -> {
          JobQuery query =
              JobQuery.parse(ctx.queryParamMap())
                  .and(Visibility.condition(Kind.JOB, Guard.scope(ctx), Level.MONITOR));
          List<ObjectNode> out = jobs.find(query).stream().map(views::view).toList();
          Requests.json(ctx, 200, out);
        });
    routes.get("/v1/jobs/{id}", ctx -> Requests.json(ctx, 200, views.withChildren(job(ctx))));
    routes.get(
        "/v1/jobs/{id}/family",
        ctx -> {
          Job job = job(ctx);
          Job parent = job.isParent() ? job : jobs.get(job.flowJobId()).orElse(job);
          Requests.json(ctx, 200, views.withChildren(parent));
        });
    routes.get("/v1/integrations/{id}/jobs/latest", this::latestOfIntegration);
    routes.put("/v1/jobs/{id}/cancel", this::cancel);
    routes.delete("/v1/jobs/{id}", this::cancel);
  }

  /** The newest flow job of each flow of the integration, with its children. */
  private void latestOfIntegration(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isId(id) || !integrationExists.test(id)) throw ApiException.notFound("Integration");
    java.util.Map<String, Job> newest = new java.util.LinkedHashMap<>();
    for (Job j : jobs.find(JobQuery.parse(java.util.Map.of("_integrationId", List.of(id))))) {
      newest.putIfAbsent(j.flowId(), j);
    }
    Requests.json(ctx, 200, newest.values().stream().map(views::withChildren).toList());
  }

  private void cancel(Context ctx) {
    Job job = job(ctx);
    if (!job.isParent())
      throw ApiException.invalid(
          "invalid_field", "Cancel the flow job " + job.flowJobId() + " instead.", null);
    Requests.json(ctx, 200, views.withChildren(cancel.apply(job.id())));
  }

  private Job job(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isId(id)) throw ApiException.notFound("Job");
    return jobs.get(id).orElseThrow(() -> ApiException.notFound("Job"));
  }
}
