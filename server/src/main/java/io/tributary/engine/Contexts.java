package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.Times;
import io.tributary.web.Json;

/** The Handlebars roots of a job (7.1): settings, params, job, connection, the delta window. */
final class Contexts {
  private Contexts() {}

  static ObjectNode base(JobRun run, RunPlan.Endpoint endpoint, String kind, long lastExportAt) {
    ObjectNode ctx = Json.object();
    ctx.set("settings", settings(run, endpoint, kind));
    ctx.set("params", run.job.doc().path("params").isObject() ? run.job.doc().get("params") : Json.object());
    ObjectNode job = ctx.putObject("job");
    job.put("_id", run.job.id());
    job.put("type", run.job.type());
    job.put("_flowId", run.job.flowId());
    job.put("startedAt", Times.iso(run.startedAt));
    if (endpoint.connection() != null) ctx.set("connection", endpoint.connection());
    ctx.put("lastExportDateTime", Times.iso(lastExportAt));
    ctx.put("currentExportDateTime", Times.iso(currentExportAt(run)));
    ctx.put("exportStartTime", Times.iso(run.startedAt));
    return ctx;
  }

  /** {@code settings.flow}, {@code settings.integration}, {@code settings.<export|import>}, {@code settings.connection}. */
  static ObjectNode settings(JobRun run, RunPlan.Endpoint endpoint, String kind) {
    ObjectNode s = Json.object();
    s.set("flow", orEmpty(run.flow().get("settings")));
    s.set("integration", orEmpty(run.plan.integration().get("settings")));
    s.set(kind, orEmpty(endpoint.resource().get("settings")));
    if (endpoint.connection() != null) s.set("connection", orEmpty(endpoint.connection().get("settings")));
    return s;
  }

  /** The end of this run's delta window: the run's {@code endDate}, else the moment it started. */
  static long currentExportAt(JobRun run) {
    Long end = Times.parse(run.job.doc().path("endDate").asText(null));
    return end != null ? end : run.startedAt;
  }

  private static JsonNode orEmpty(JsonNode n) {
    return n != null && n.isObject() ? n : Json.object();
  }
}
