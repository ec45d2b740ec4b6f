package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.jobs.Counts;
import io.tributary.jobs.JobStore;
import io.tributary.web.Json;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flow job's resume point (D26): for each source, how many pages went through every step and
 * where the source stands after the last of them, plus the job's child jobs and delta window. Pages
 * of a source finish out of order (several are in flight), so a page is checkpointed only once
 * every page before it is done; its counters are written in the same transaction. A resumed job
 * therefore redoes only the pages that were in flight, and counts each record once.
 *
 * <p>Stored as JSON in the job's row: {@code {children: {sources: {i: id}, steps: {i: id}},
 * sources: {i: {pages, position, done, lastExportAt}}}}.
 */
final class Checkpoints {
  private final JobStore jobs;
  private final JobRun run;
  private final ObjectNode state;
  private final boolean resumed;
  private final Map<Integer, TreeMap<Long, Finished>> finished = new HashMap<>();

  private record Finished(ObjectNode position, Map<String, Counts> counts) {}

  Checkpoints(JobStore jobs, JobRun run, ObjectNode stored) {
    this.jobs = jobs;
    this.run = run;
    this.resumed = stored != null;
    this.state = stored != null ? stored : Json.object();
  }

  /** Whether the job ran before (on this node before a restart, or on another). */
  boolean resumed() {
    return resumed;
  }

  /** Reuses the child jobs the job had; false when it had none yet. */
  synchronized boolean restoreChildren() {
    JsonNode children = state.path("children");
    if (!children.isObject()) return false;
    children
        .path("sources")
        .fields()
        .forEachRemaining(
            e -> run.sourceJobs.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
    children
        .path("steps")
        .fields()
        .forEachRemaining(
            e -> run.stepJobs.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
    return true;
  }

  /** Records the child jobs just created, so that a resumed run uses them again. */
  synchronized void children() {
    ObjectNode children = state.putObject("children");
    ObjectNode sources = children.putObject("sources");
    run.sourceJobs.forEach((i, id) -> sources.put(String.valueOf(i), id));
    ObjectNode steps = children.putObject("steps");
    run.stepJobs.forEach((i, id) -> steps.put(String.valueOf(i), id));
    write(Map.of());
  }

  /**
   * A source that went through some pages but cannot say where it stood (its adaptor answers no
   * position), or null when every source can resume.
   */
  synchronized String unresumable(RunPlan plan) {
    for (RunPlan.Source s : plan.sources()) {
      ObjectNode src = source(s.index());
      if (!s.once()
          && !src.path("done").asBoolean(false)
          && src.path("pages").asLong(0) > 0
          && !src.path("position").isObject()) return s.endpoint().resourceId();
    }
    return null;
  }

  /**
   * Whether the job's adaptors had staged work that cannot be carried on here (files written under
   * temporary names on the node that ran it): the resumed job starts its sources over.
   */
  synchronized boolean staged() {
    return state.path("staged").asBoolean(false);
  }

  /** Forgets every source's progress: the job starts its sources over (counters were zeroed). */
  synchronized void restart() {
    state.remove("sources");
    state.remove("staged");
    write(Map.of());
  }

  synchronized boolean done(int source) {
    return source(source).path("done").asBoolean(false);
  }

  /** Pages of the source checkpointed so far: the next page's number is one more. */
  synchronized long pages(int source) {
    return source(source).path("pages").asLong(0);
  }

  /** Where the source resumes, or null (start it from the beginning). */
  synchronized ObjectNode position(int source) {
    return source(source).path("position") instanceof ObjectNode p ? p.deepCopy() : null;
  }

  /** The delta window's start the source had when the job first ran (kept across a resume). */
  synchronized long lastExportAt(int source, java.util.function.LongSupplier first) {
    ObjectNode src = source(source);
    if (src.has("lastExportAt")) return src.get("lastExportAt").asLong();
    long value = first.getAsLong();
    src.put("lastExportAt", value);
    return value;
  }

  /**
   * Page {@code seq} of the source went through every step; {@code position} is where the source
   * stood after it (null: the source cannot resume). Checkpoints every page now contiguous.
   */
  synchronized void pageDone(
      int source, long seq, ObjectNode position, Map<String, Counts> counts) {
    TreeMap<Long, Finished> done = finished.computeIfAbsent(source, i -> new TreeMap<>());
    done.put(seq, new Finished(position, counts));
    ObjectNode src = source(source);
    long committed = src.path("pages").asLong(0);
    Map<String, Counts> sum = new HashMap<>();
    ObjectNode last = null;
    boolean advanced = false;
    for (Iterator<Map.Entry<Long, Finished>> it = done.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Finished> e = it.next();
      if (e.getKey() != committed + 1) break;
      committed = e.getKey();
      e.getValue().counts().forEach((id, c) -> sum.merge(id, c, Counts::plus));
      last = e.getValue().position();
      advanced = true;
      it.remove();
    }
    if (!advanced) return;
    src.put("pages", committed);
    if (last != null) src.set("position", last);
    else src.remove("position");
    write(sum);
    notifyAll();
  }

  /**
   * Waits until fewer than {@code window} pages of the source are read but not checkpointed (page
   * {@code seq} is the last read), or the run stops: this bounds what a crash can deliver twice to
   * {@code window} pages, even when one slow page holds the checkpoint back.
   */
  synchronized void awaitWindow(int source, long seq, int window, JobRun run) {
    while (seq - source(source).path("pages").asLong(0) >= window && !run.stopping()) {
      try {
        wait(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * A retry chunk went through: its counts and what it settles in the error store ({@code settle},
   * run in the same transaction) are written together, so that a job resumed after a crash replays
   * the chunks still open and counts each once.
   */
  synchronized void chunkDone(
      Map<String, Counts> counts, java.util.function.Consumer<org.jdbi.v3.core.Handle> settle) {
    synchronized (run) { // JobRun.lost() waits for the write and stops the next
      if (run.isLost()) return;
      markStaged();
      if (!jobs.checkpoint(run.job.id(), run.node, state, counts, settle)) run.lost();
    }
  }

  /**
   * The source is used up after page {@code lastSeq}: marked done when every page up to it was
   * checkpointed, so a resumed job does not read it again.
   */
  synchronized void sourceDone(int source, long lastSeq) {
    ObjectNode src = source(source);
    if (src.path("pages").asLong(0) != lastSeq) return;
    src.put("done", true);
    write(Map.of());
  }

  /**
   * Counts of pages that finished but could not be checkpointed (an earlier page never finished):
   * they stand when the job ends here (failed or canceled), and are dropped when it is handed over.
   */
  synchronized Map<String, Counts> leftover() {
    Map<String, Counts> sum = new HashMap<>();
    for (TreeMap<Long, Finished> pages : finished.values())
      for (Finished f : pages.values())
        f.counts().forEach((id, c) -> sum.merge(id, c, Counts::plus));
    finished.clear();
    return sum;
  }

  private ObjectNode source(int index) {
    ObjectNode sources =
        state.get("sources") instanceof ObjectNode o ? o : state.putObject("sources");
    String key = String.valueOf(index);
    return sources.get(key) instanceof ObjectNode o ? o : sources.putObject(key);
  }

  private void markStaged() {
    if (!state.has("staged") && run.sessions.staged()) state.put("staged", true);
  }

  private void write(Map<String, Counts> counts) {
    synchronized (run) { // JobRun.lost() waits for the write and stops the next
      if (run.isLost()) return;
      markStaged();
      if (!jobs.checkpoint(run.job.id(), run.node, state, counts)) run.lost();
    }
  }
}
