package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Times;
import io.tributary.web.Json;

/** The Handlebars roots of a job (7.1): settings, params, job, connection, the delta window. */
final class Contexts {
  private Contexts() {}

  static ObjectNode base(JobRun run, RunPlan.Endpoint endpoint, String kind, long lastExportAt) {
    ObjectNode ctx = Json.object();
    ctx.set("settings", settings(run, endpoint, kind));
    ctx.set("params", run.request.params());
    ObjectNode job = ctx.putObject("job");
    job.put("_id", run.job.id());
    job.put("type", run.job.type().wire());
    job.put("_flowId", run.job.flowId());
    job.put("startedAt", Times.iso(run.startedAt));
    if (endpoint.connection() != null) ctx.set("connection", endpoint.connection());
    ctx.put("lastExportDateTime", Times.iso(lastExportAt));
    ctx.put("currentExportDateTime", Times.iso(currentExportAt(run)));
    ctx.put("exportStartTime", Times.iso(run.startedAt));
    return ctx;
  }

  /**
   * {@code settings.flow}, {@code settings.integration}, {@code settings.<export|import>}, {@code
   * settings.connection}.
   */
  static ObjectNode settings(JobRun run, RunPlan.Endpoint endpoint, String kind) {
    ObjectNode s = Json.object();
    s.set("flow", run.flow().settings());
    s.set("integration", run.flow().integrationSettings());
    s.set(kind, endpoint.settings());
    if (endpoint.connection() != null) s.set("connection", endpoint.connectionSettings());
    return s;
  }

  /** The end of this run's delta window: the run's {@code endDate}, else the moment it started. */
  static long currentExportAt(JobRun run) {
    Long end = run.request.endDate();
    return end != null ? end : run.startedAt;
  }
}
