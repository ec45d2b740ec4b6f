package io.tributary.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.core.Problem;
import io.tributary.errors.ErrorActions;
import io.tributary.jobs.Job;
import io.tributary.jobs.JobStatus;
import io.tributary.jobs.JobStore;
import io.tributary.jobs.JobType;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.web.Actor;
import io.tributary.web.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Asks for runs (on demand, chained) and cancels jobs. */
public final class RunService {
  private final ResourceService resources;
  private final ResourceType flows;
  private final JobStore jobs;
  private final Dispatcher dispatcher;
  private final ErrorActions errors;
  private final Ids ids;

  public RunService(
      ResourceService resources,
      ResourceType flows,
      JobStore jobs,
      Dispatcher dispatcher,
      ErrorActions errors,
      Ids ids) {
    this.errors = errors;
    this.ids = ids;
    this.resources = resources;
    this.flows = flows;
    this.jobs = jobs;
    this.dispatcher = dispatcher;
  }

  /** Queues a flow job and answers its id; it starts when the flow has no other job running. */
  public String run(String flowId, RunRequest request, Actor actor) {
    return run(flowId, request, actor, ids.next());
  }

  /**
   * As above, with the id the job must have (an idempotency key holds it before the job exists).
   */
  public String run(String flowId, RunRequest request, Actor actor, String jobId) {
    StoredDoc flow = resources.find(flows, flowId).orElseThrow(() -> Problem.notFound("Flow"));
    ObjectNode doc = flow.body();
    if (doc.path("disabled").asBoolean(false)) {
      throw Problem.invalid(
          "flow_disabled", "The flow is disabled; enable it to run it.", "disabled");
    }
    Set<String> sources = new HashSet<>();
    doc.path("pageGenerators").forEach(pg -> sources.add(pg.path("_exportId").asText()));
    if (doc.hasNonNull("_exportId")) sources.add(doc.get("_exportId").asText());
    if (sources.isEmpty())
      throw Problem.invalid(
          "invalid_field", "The flow has no page generators to run.", "pageGenerators");
    for (String id : request.exportIds()) {
      if (!sources.contains(id)) {
        throw Problem.invalid(
            "invalid_field",
            "Export " + id + " is not a page generator of this flow.",
            "_exportIds");
      }
    }
    ObjectNode jobDoc = Json.object();
    request.describeOn(jobDoc);
    jobDoc.put("triggeredBy", actor.source());
    String id =
        jobs.create(
            new JobStore.NewJob(
                JobType.FLOW,
                flowId,
                flow.integrationId(),
                null,
                null,
                null,
                JobStatus.QUEUED,
                jobDoc),
            jobId);
    dispatcher.poke(flowId);
    return id;
  }

  /**
   * Queues a retry job replaying the given open errors of a step. The errors are claimed before the
   * job exists, so a second request for the same errors is refused rather than replayed twice.
   */
  public String retry(String flowId, String stepId, List<String> errorIds, Actor actor) {
    StoredDoc flow = resources.find(flows, flowId).orElseThrow(() -> Problem.notFound("Flow"));
    if (errorIds.isEmpty())
      throw Problem.invalid("missing_required_field", "Name the errors to retry.", "errors");
    String jobId = ids.next();
    errors.claim(flowId, stepId, errorIds, jobId);
    ObjectNode doc = Json.object().put("_stepId", stepId).put("triggeredBy", actor.source());
    try {
      jobs.create(
          new JobStore.NewJob(
              JobType.RETRY, flowId, flow.integrationId(), null, null, null, JobStatus.QUEUED, doc),
          jobId);
    } catch (RuntimeException e) {
      errors.release(jobId);
      throw e;
    }
    dispatcher.poke(flowId);
    return jobId;
  }

  /**
   * A scheduled run: queued like any other, unless the flow already has a job queued or running —
   * then it is skipped, and a canceled job records the skip and why (runs are never stacked).
   */
  public String runScheduled(
      String flowId, List<String> exportIds, String scheduledFor, boolean catchUp) {
    StoredDoc flow = resources.find(flows, flowId).orElseThrow(() -> Problem.notFound("Flow"));
    ObjectNode doc = Json.object().put("triggeredBy", "schedule").put("scheduledFor", scheduledFor);
    if (catchUp) doc.put("catchUp", true);
    exportIds.forEach(doc.withArray("_exportIds")::add);
    boolean busy = jobs.busy(flowId, null);
    String id =
        jobs.create(
            new JobStore.NewJob(
                JobType.FLOW,
                flowId,
                flow.integrationId(),
                null,
                null,
                null,
                JobStatus.QUEUED,
                doc));
    if (busy) {
      jobs.requestCancel(id);
      jobs.finish(
          id,
          JobStatus.CANCELED,
          Json.object()
              .put("skipped", true)
              .put(
                  "reason",
                  "Skipped: the flow already had a job queued or running when its schedule fired."));
      return id;
    }
    dispatcher.poke(flowId);
    return id;
  }

  /** Cancels every queued and running job of a flow (its connection was replaced, D12). */
  public void cancelActive(String flowId) {
    jobs.active(flowId).forEach(this::cancel);
  }

  /** Cancels a queued job at once and a running one at its next page boundary. */
  public Job cancel(String jobId) {
    Job job = jobs.get(jobId).orElseThrow(() -> Problem.notFound("Job"));
    if (job.status().done()) return job;
    jobs.requestCancel(job.id());
    if (job.status() == JobStatus.QUEUED) {
      jobs.finish(job.id(), JobStatus.CANCELED, null);
      if (job.type() == JobType.RETRY) errors.release(job.id());
      if (job.flowId() != null) dispatcher.poke(job.flowId());
    }
    return jobs.get(jobId).orElseThrow();
  }
}
