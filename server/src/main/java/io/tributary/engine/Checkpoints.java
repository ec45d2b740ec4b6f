package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.jobs.CheckpointStore;
import io.tributary.jobs.Counts;
import io.tributary.web.Json;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flow job's resume point (D26): for each source, how many pages went through every step and
 * where the source stands after the last of them, plus the job's child jobs and delta window. Pages
 * of a source finish out of order (several are in flight), so a page is checkpointed only once
 * every page before it is done; its counters are written in the same transaction. A resumed job
 * therefore redoes only the pages that were in flight, and counts each record once.
 *
 * <p>Writes are group commits: one thread at a time writes the checkpoint as it stands, with the
 * counters of every page it covers that is not stored yet; pages that finish meanwhile are taken by
 * that writer's next write instead of each waiting for a transaction of its own, and the thread
 * reading the source never waits for the store. What a crash can deliver twice is still bounded by
 * the pages read past the last <em>stored</em> checkpoint ({@link #awaitWindow}).
 *
 * <p>Stored as JSON in the job's row: {@code {children: {sources: {i: id}, steps: {i: id}},
 * sources: {i: {pages, position, done, lastExportAt}}}}.
 */
final class Checkpoints {
  private final CheckpointStore store;
  private final JobRun run;
  private final ObjectNode state;
  private final boolean resumed;
  private final boolean stored;
  private final Map<Integer, TreeMap<Long, Finished>> finished = new HashMap<>();

  /** Counters of the pages {@link #state} covers that are not stored yet. */
  private Map<String, Counts> unwritten = new HashMap<>();

  /** Pages of each source covered by the checkpoint stored last. */
  private final Map<Integer, Long> written = new HashMap<>();

  private boolean dirty; // state changed since the last write began
  private boolean writing; // a thread is writing; it writes again while dirty

  private record Finished(ObjectNode position, Map<String, Counts> counts) {}

  Checkpoints(CheckpointStore store, JobRun run, ObjectNode stored) {
    this(store, run, stored, true);
  }

  private Checkpoints(CheckpointStore store, JobRun run, ObjectNode stored, boolean written) {
    this.store = store;
    this.run = run;
    this.resumed = stored != null;
    this.state = stored != null ? stored : Json.object();
    this.stored = written;
    this.written.putAll(pages(this.state));
  }

  /**
   * Progress kept in memory only, never written: the overhead benchmark's reference for what the
   * checkpoints cost. Pages are ordered and windowed as above; their counters go to the job's
   * counters, written every 200 ms (as before D26). A job so run cannot resume.
   */
  static Checkpoints inMemory(CheckpointStore store, JobRun run) {
    return new Checkpoints(store, run, null, false);
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

  /**
   * Creates the run's child jobs (their ids are the run's already) and records them in the same
   * write, so that a resumed run uses them again. The job's first write: no page runs yet, so no
   * other thread writes.
   */
  void children(List<CheckpointStore.NewChild> created) {
    ObjectNode snapshot;
    synchronized (this) {
      ObjectNode children = state.putObject("children");
      ObjectNode sources = children.putObject("sources");
      run.sourceJobs.forEach((i, id) -> sources.put(String.valueOf(i), id));
      ObjectNode steps = children.putObject("steps");
      run.stepJobs.forEach((i, id) -> steps.put(String.valueOf(i), id));
      snapshot = state.deepCopy();
    }
    if (!stored) store.createChildren(created);
    else if (!store.createChildren(created, run.job.id(), run.node, snapshot)) run.lost();
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
  void restart() {
    synchronized (this) {
      state.remove("sources");
      state.remove("staged");
      written.clear();
      dirty = true;
    }
    flush();
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
   * stood after it (null: the source cannot resume). Checkpoints every page now contiguous: written
   * by this thread, or by the one writing now, in its next write.
   */
  void pageDone(int source, long seq, ObjectNode position, Map<String, Counts> counts) {
    synchronized (this) {
      TreeMap<Long, Finished> done = finished.computeIfAbsent(source, i -> new TreeMap<>());
      done.put(seq, new Finished(position, counts));
      ObjectNode src = source(source);
      long committed = src.path("pages").asLong(0);
      ObjectNode last = null;
      boolean advanced = false;
      for (Iterator<Map.Entry<Long, Finished>> it = done.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Long, Finished> e = it.next();
        if (e.getKey() != committed + 1) break;
        committed = e.getKey();
        e.getValue().counts().forEach((id, c) -> unwritten.merge(id, c, Counts::plus));
        last = e.getValue().position();
        advanced = true;
        it.remove();
      }
      if (!advanced) return;
      src.put("pages", committed);
      if (last != null) src.set("position", last);
      else src.remove("position");
      dirty = true;
    }
    writeOut();
  }

  /**
   * Waits until fewer than {@code window} pages of the source are read past the stored checkpoint
   * (page {@code seq} is the last read), or the run stops: this bounds what a crash can deliver
   * twice to {@code window} pages, even when one slow page holds the checkpoint back.
   */
  synchronized void awaitWindow(int source, long seq, int window, JobRun run) {
    while (seq - written.getOrDefault(source, 0L) >= window && !run.stopping()) {
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
  void chunkDone(
      Map<String, Counts> counts, java.util.function.Consumer<org.jdbi.v3.core.Handle> settle) {
    flush(); // a retry's own checkpoint writes (its children, a restart) come first
    ObjectNode snapshot;
    synchronized (this) {
      if (run.isLost()) return;
      markStaged();
      snapshot = state.deepCopy();
    }
    if (!stored) {
      store.inTransaction(settle);
      run.countNow(counts);
    } else if (!store.write(run.job.id(), run.node, snapshot, counts, settle)) run.lost();
  }

  /**
   * The source is used up after page {@code lastSeq}: marked done when every page up to it was
   * checkpointed, so a resumed job does not read it again, and every checkpoint is stored. The mark
   * alone is not worth a transaction when the stored position already lets a resumed job go on
   * where the source ended (it reads one empty page more), or the source is a once export (it
   * answers only what it did not deliver); it then rides along with the next write, if any.
   */
  void sourceDone(int source, long lastSeq, boolean once) {
    synchronized (this) {
      ObjectNode src = source(source);
      if (src.path("pages").asLong(0) != lastSeq) return;
      src.put("done", true);
      if (!once && !src.path("position").isObject()) dirty = true;
    }
    flush();
  }

  /**
   * Counts of pages that finished but could not be checkpointed (an earlier page never finished):
   * they stand when the job ends here (failed or canceled), and are dropped when it is handed over.
   */
  synchronized Map<String, Counts> leftover() {
    Map<String, Counts> sum = unwritten; // a write failed: the job ends, what they did stands
    unwritten = new HashMap<>();
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

  private static Map<Integer, Long> pages(ObjectNode state) {
    Map<Integer, Long> pages = new HashMap<>();
    state
        .path("sources")
        .fields()
        .forEachRemaining(
            e -> pages.put(Integer.parseInt(e.getKey()), e.getValue().path("pages").asLong(0)));
    return pages;
  }

  /**
   * Writes the checkpoint as it stands unless another thread is writing (that one writes again
   * before it stops, so nothing is left behind). Outside the monitor: pages finish, and the source
   * is read, while the store works.
   */
  private void writeOut() {
    while (true) {
      ObjectNode snapshot;
      Map<String, Counts> counts;
      Map<Integer, Long> pages;
      synchronized (this) {
        if (writing || !dirty || run.isLost()) return;
        writing = true;
        dirty = false;
        markStaged();
        snapshot = state.deepCopy();
        counts = unwritten;
        unwritten = new HashMap<>();
        pages = pages(state);
      }
      boolean ok = false;
      try {
        ok = store(snapshot, counts);
      } catch (RuntimeException | Error e) {
        synchronized (this) { // not stored: kept for the next write, or for leftover()
          counts.forEach((id, c) -> unwritten.merge(id, c, Counts::plus));
          dirty = true;
        }
        throw e;
      } finally {
        synchronized (this) {
          writing = false;
          if (ok) written.putAll(pages);
          notifyAll();
        }
      }
      if (!ok) {
        run.lost();
        return;
      }
    }
  }

  /** Returns once everything checkpointed so far is stored (or the job was lost). */
  private void flush() {
    boolean interrupted = false;
    try {
      while (true) {
        writeOut();
        synchronized (this) {
          while (writing) {
            try {
              wait();
            } catch (InterruptedException e) {
              interrupted = true; // a store write is not given up half-way; the flag stays set
            }
          }
          if (!dirty || run.isLost()) return;
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private boolean store(ObjectNode snapshot, Map<String, Counts> counts) {
    if (!stored) {
      run.countNow(counts);
      return true;
    }
    return store.write(run.job.id(), run.node, snapshot, counts);
  }
}
