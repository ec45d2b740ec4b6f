package io.tributary.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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

  /** {@code cancel} cancels a flow job and answers it as it is then (the run machinery does it). */
  public JobRoutes(JobStore jobs, JobViews views, Function<String, Job> cancel) {
    this.jobs = jobs;
    this.views = views;
    this.cancel = cancel;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/jobs", ctx -> {
      List<ObjectNode> out = jobs.find(JobQuery.parse(ctx.queryParamMap())).stream().map(views::view).toList();
      Requests.json(ctx, 200, out);
    });
    routes.get("/v1/jobs/{id}", ctx -> Requests.json(ctx, 200, views.withChildren(job(ctx))));
    routes.put("/v1/jobs/{id}/cancel", this::cancel);
    routes.delete("/v1/jobs/{id}", this::cancel);
  }

  private void cancel(Context ctx) {
    Job job = job(ctx);
    if (!job.isParent()) throw ApiException.invalid("invalid_field", "Cancel the flow job " + job.flowJobId() + " instead.", null);
    Requests.json(ctx, 200, views.withChildren(cancel.apply(job.id())));
  }

  private Job job(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isId(id)) throw ApiException.notFound("Job");
    return jobs.get(id).orElseThrow(() -> ApiException.notFound("Job"));
  }
}
