package io.tributary.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A job row: a flow run (type flow or retry) or one of its steps (type export or import). */
public record Job(
    String id,
    JobType type,
    String flowId,
    String integrationId,
    String flowJobId,
    String exportId,
    String importId,
    JobStatus status,
    long createdAt,
    long lastModified,
    Long startedAt,
    Long endedAt,
    Counts counts,
    boolean cancelRequested,
    ObjectNode doc) {

  public boolean isParent() {
    return flowJobId == null;
  }
}
