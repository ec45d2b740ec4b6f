package io.tributary.flows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.core.Times;
import io.tributary.engine.DeltaStore;
import io.tributary.jobs.Job;
import io.tributary.jobs.JobStore;
import io.tributary.jobs.JobViews;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.runs.JobSignals;
import io.tributary.runs.RunKeys;
import io.tributary.runs.RunRequest;
import io.tributary.runs.RunService;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import io.tributary.web.Requests;
import java.util.List;
import java.util.Map;

/** Running flows: {@code run} (with {@code ?wait=}), the latest job, the delta mark. */
public final class FlowRunRoutes {
  private static final int MAX_WAIT_SECONDS = 300;
  private final RunService runs;
  private final RunKeys runKeys;
  private final JobSignals signals;
  private final JobStore jobs;
  private final JobViews views;
  private final DeltaStore delta;
  private final ResourceService resources;
  private final ResourceType flows;

  public FlowRunRoutes(
      RunService runs,
      RunKeys runKeys,
      JobSignals signals,
      JobStore jobs,
      JobViews views,
      DeltaStore delta,
      ResourceService resources,
      ResourceType flows) {
    this.runs = runs;
    this.runKeys = runKeys;
    this.signals = signals;
    this.jobs = jobs;
    this.views = views;
    this.delta = delta;
    this.resources = resources;
    this.flows = flows;
  }

  public void register(RoutesConfig routes) {
    routes.post("/v1/flows/{id}/run", this::run);
    routes.get(
        "/v1/flows/{id}/jobs/latest",
        ctx -> {
          StoredDoc flow = flow(ctx);
          List<ObjectNode> latest =
              jobs.latest(flow.id()).map(views::withChildren).stream().toList();
          Requests.json(ctx, 200, latest);
        });
    routes.get(
        "/v1/flows/{id}/lastExportDateTime",
        ctx -> {
          StoredDoc flow = flow(ctx);
          Map<String, Long> marks = delta.forFlow(flow.id());
          ObjectNode out = Json.object();
          Long oldest = marks.values().stream().min(Long::compare).orElse(null);
          out.put("lastExportDateTime", oldest == null ? null : Times.iso(oldest));
          ObjectNode perExport = out.putObject("exports");
          marks.forEach((exportId, at) -> perExport.put(exportId, Times.iso(at)));
          Requests.json(ctx, 200, out);
        });
  }

  private void run(Context ctx) throws InterruptedException {
    StoredDoc flow = flow(ctx);
    int wait = waitSeconds(ctx);
    String body = ctx.body();
    RunRequest request =
        body == null || body.isBlank() ? RunRequest.NONE : RunRequest.parse(Json.parse(body));
    String key = ctx.header("Idempotency-Key");
    String jobId =
        key == null
            ? runs.run(flow.id(), request, Requests.actor(ctx))
            : runKeys
                .claim(
                    Requests.actor(ctx).tokenId(),
                    flow.id(),
                    key,
                    body,
                    id -> runs.run(flow.id(), request, Requests.actor(ctx), id))
                .jobId();
    if (wait == 0) {
      Requests.json(ctx, 201, Map.of("_jobId", jobId));
      return;
    }
    long deadline = System.nanoTime() + wait * 1_000_000_000L;
    Job job = awaitCreated(jobId, deadline);
    while (!job.status().done() && System.nanoTime() < deadline) {
      // Woken at once when this node ends the job; the store is read again either way.
      signals.await(jobId, Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      job = jobs.get(jobId).orElseThrow();
    }
    Requests.json(ctx, job.status().done() ? 200 : 202, views.withChildren(job));
  }

  /**
   * The job; a request retried with the key of one still starting may come before its job exists.
   */
  private Job awaitCreated(String jobId, long deadline) throws InterruptedException {
    java.util.Optional<Job> job = jobs.get(jobId);
    while (job.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      job = jobs.get(jobId);
    }
    return job.orElseThrow(
        () ->
            new ApiException(
                409,
                "idempotency_key_in_use",
                "A request with this Idempotency-Key is still starting its run."));
  }

  private static int waitSeconds(Context ctx) {
    String w = ctx.queryParam("wait");
    if (w == null) return 0;
    try {
      int s = Integer.parseInt(w);
      if (s >= 0 && s <= MAX_WAIT_SECONDS) return s;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "invalid_query_params", "wait must be a whole number of seconds from 0 to 300");
  }

  private StoredDoc flow(Context ctx) {
    return resources
        .find(flows, ctx.pathParam("id"))
        .orElseThrow(() -> ApiException.notFound("Flow"));
  }
}
