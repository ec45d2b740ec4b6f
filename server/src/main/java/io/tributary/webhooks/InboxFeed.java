package io.tributary.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.engine.Listeners;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One job's pages of the records its flow's listener received, from the inbox. It keeps reading
 * while records keep coming, so a burst of requests becomes a few jobs: it ends once the inbox had
 * nothing for {@link #IDLE_MILLIS}, or after {@link #MAX_MILLIS} (the next job goes on from there).
 */
final class InboxFeed implements Listeners.Feed {
  /** How long an empty inbox is watched before the job ends. */
  static final long IDLE_MILLIS = 300;

  /** A short page waits this long once for more records, so that pages fill under load. */
  static final long LINGER_MILLIS = 30;

  private static final long POLL_MILLIS = 25;

  /** A job stops taking new pages after this long, so that a steady stream makes jobs that end. */
  static final long MAX_MILLIS = 5 * 60_000L;

  private final Inbox inbox;
  private final Triggers triggers;
  private final String flowId;
  private final String exportId;
  private final String jobId;
  private final int pageSize;
  private final long startedAt = System.nanoTime();
  private final Map<List<ObjectNode>, List<Long>> inFlight = new IdentityHashMap<>();
  private volatile boolean closing;
  private boolean stoppedEarly;

  InboxFeed(
      Inbox inbox, Triggers triggers, String flowId, String exportId, String jobId, int pageSize) {
    this.inbox = inbox;
    this.triggers = triggers;
    this.flowId = flowId;
    this.exportId = exportId;
    this.jobId = jobId;
    this.pageSize = pageSize;
  }

  /** Whether this feed will still look at the inbox (a new record needs no new job then). */
  boolean reading() {
    return !closing;
  }

  @Override
  public Optional<List<ObjectNode>> next() {
    if (System.nanoTime() - startedAt > MAX_MILLIS * 1_000_000) {
      stoppedEarly = true;
      return Optional.empty();
    }
    long idleSince = System.nanoTime();
    while (true) {
      List<Inbox.Row> rows = inbox.claim(flowId, exportId, jobId, pageSize);
      if (!rows.isEmpty()) return Optional.of(page(topUp(rows)));
      if (System.nanoTime() - idleSince > IDLE_MILLIS * 1_000_000) {
        // Said before the last look: a record stored after that look finds this feed closing
        // and starts a job of its own; one stored before it is taken here.
        closing = true;
        rows = inbox.claim(flowId, exportId, jobId, pageSize);
        if (rows.isEmpty()) return Optional.empty();
        closing = false;
        return Optional.of(page(rows));
      }
      pause(POLL_MILLIS);
    }
  }

  private List<Inbox.Row> topUp(List<Inbox.Row> rows) {
    if (rows.size() >= pageSize) return rows;
    pause(LINGER_MILLIS);
    List<Inbox.Row> all = new ArrayList<>(rows);
    all.addAll(inbox.claim(flowId, exportId, jobId, pageSize - rows.size()));
    return all;
  }

  private List<ObjectNode> page(List<Inbox.Row> rows) {
    List<ObjectNode> page = new ArrayList<>(rows.size());
    List<Long> seqs = new ArrayList<>(rows.size());
    for (Inbox.Row r : rows) {
      page.add(r.record());
      seqs.add(r.seq());
    }
    synchronized (inFlight) {
      inFlight.put(page, seqs);
    }
    return page;
  }

  @Override
  public void pageDone(List<ObjectNode> page) {
    List<Long> seqs;
    synchronized (inFlight) {
      seqs = inFlight.remove(page);
    }
    if (seqs != null) inbox.done(seqs, jobId);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the job was canceled: the engine stops the source
      throw new AdaptorException(
          AdaptorException.Kind.CANCELED, "canceled", "The job was canceled.", null);
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      inbox.release(jobId);
    } catch (RuntimeException e) {
      // what stays claimed is free again once the job has ended
    }
    triggers.closed(flowId, exportId, this, stoppedEarly);
  }
}
