package io.tributary.webhooks;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes committed writes survive the process dying before a listener answers. PostgreSQL's commit
 * already does (the server is another process, with its write-ahead log). Embedded H2 keeps commits
 * in memory for up to a second before it writes them to its file (its {@code WRITE_DELAY}), so a
 * {@code kill -9} right after the answer would lose them: here a {@code CHECKPOINT} writes and
 * syncs the store. Requests waiting at the same time share one checkpoint (group commit), so a
 * burst costs a few checkpoints, not one per request.
 */
final class Durability {
  private final Jdbi jdbi;
  private final boolean embedded;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition flushedCondition = lock.newCondition();
  private long requested;
  private long flushed;
  private boolean flushing;

  Durability(Jdbi jdbi, boolean embedded) {
    this.jdbi = jdbi;
    this.embedded = embedded;
  }

  /** Returns once everything committed before the call is on disk. */
  void await() {
    if (!embedded) return;
    long ticket;
    long target;
    lock.lock();
    try {
      ticket = ++requested;
      while (true) {
        if (flushed >= ticket) return;
        if (!flushing) break;
        flushedCondition.awaitUninterruptibly();
      }
      flushing = true;
      target = requested; // one checkpoint covers every commit that asked so far
    } finally {
      lock.unlock();
    }
    boolean ok = false;
    try {
      jdbi.useHandle(h -> h.execute("CHECKPOINT"));
      ok = true;
    } finally {
      lock.lock();
      try {
        flushing = false;
        if (ok) flushed = Math.max(flushed, target);
        flushedCondition.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
