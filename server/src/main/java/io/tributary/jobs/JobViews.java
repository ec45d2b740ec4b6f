package io.tributary.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Times;
import io.tributary.web.Json;

/** Jobs as the API answers them: integrator.io's field names, children inside a flow job. */
public final class JobViews {
  private final JobStore store;

  public JobViews(JobStore store) {
    this.store = store;
  }

  public ObjectNode withChildren(Job job) {
    ObjectNode out = view(job);
    if (job.isParent()) {
      ArrayNode children = out.putArray("children");
      for (Job child : store.children(job.id())) children.add(view(child));
    }
    return out;
  }

  public ObjectNode view(Job j) {
    ObjectNode out = Json.object();
    out.put("_id", j.id());
    out.put("type", j.type().wire());
    if (j.flowId() != null) out.put("_flowId", j.flowId());
    if (j.integrationId() != null) out.put("_integrationId", j.integrationId());
    if (j.flowJobId() != null) out.put("_flowJobId", j.flowJobId());
    if (j.exportId() != null) out.put("_exportId", j.exportId());
    if (j.importId() != null) out.put("_importId", j.importId());
    out.put("status", j.status().wire());
    if (j.startedAt() != null) out.put("startedAt", Times.iso(j.startedAt()));
    if (j.endedAt() != null) out.put("endedAt", Times.iso(j.endedAt()));
    Counts c = j.counts();
    out.put("numSuccess", c.success());
    out.put("numError", c.error());
    out.put("numIgnore", c.ignore());
    out.put("numExport", c.export());
    out.put("numPagesGenerated", c.pagesGenerated());
    out.put("numPagesProcessed", c.pagesProcessed());
    out.put("numOpenError", store.openErrors(j.id(), j.isParent()));
    out.setAll(j.doc());
    out.put("createdAt", Times.iso(j.createdAt()));
    out.put("lastModified", Times.iso(j.lastModified()));
    return out;
  }
}
