package io.tributary.engine;

import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.JobSession;
import java.util.IdentityHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions the adaptors of one job keep for it: one per adaptor the plan uses, opened when the
 * job starts and closed when it ends (see {@link Adaptor#openSession}).
 */
final class JobSessions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobSessions.class);
  private final Map<Adaptor, JobSession> sessions = new IdentityHashMap<>();

  /**
   * Opens a session with each adaptor of the plan; if one throws, those opened are closed again.
   */
  JobSessions(String jobId, RunPlan plan) {
    try {
      for (RunPlan.Source s : plan.sources()) open(jobId, s.endpoint().adaptor());
      for (RunPlan.Step s : plan.steps()) open(jobId, s.endpoint().adaptor());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void open(String jobId, Adaptor wrapped) {
    Adaptor adaptor = wrapped == null ? null : RedactingAdaptor.unwrap(wrapped);
    if (adaptor != null && !sessions.containsKey(adaptor))
      sessions.put(adaptor, adaptor.openSession(jobId));
  }

  /** The job's session with {@code adaptor} ({@link JobSession#NONE} for none). */
  JobSession of(Adaptor adaptor) {
    JobSession s = adaptor == null ? null : sessions.get(RedactingAdaptor.unwrap(adaptor));
    return s == null ? JobSession.NONE : s;
  }

  /**
   * Tells each session how the job ended ({@link JobSession#end}); answers the first failure an
   * adaptor raised while making a completed job's work final, or null.
   */
  io.tributary.adaptors.AdaptorException end(JobSession.Outcome outcome) {
    io.tributary.adaptors.AdaptorException first = null;
    for (var e : sessions.entrySet()) {
      try {
        e.getValue().end(outcome);
      } catch (io.tributary.adaptors.AdaptorException ex) {
        if (first == null) first = ex;
      } catch (RuntimeException ex) {
        LOG.warn(
            "adaptor {} failed to end its job session: {}",
            e.getKey().getClass().getName(),
            ex.toString());
        if (first == null)
          first =
              new io.tributary.adaptors.AdaptorException(
                  io.tributary.adaptors.AdaptorException.Kind.FATAL,
                  "adaptor_failed",
                  "An adaptor failed at the end of the job: " + ex.getMessage(),
                  ex);
      }
    }
    return first;
  }

  /** Whether a session staged work a resumed run could not carry on ({@link JobSession#staged}). */
  boolean staged() {
    for (JobSession s : sessions.values()) if (s.staged()) return true;
    return false;
  }

  /** The job goes on elsewhere: each session lets go of what it staged. */
  void handOver() {
    for (var e : sessions.entrySet()) {
      try {
        e.getValue().handOver();
      } catch (RuntimeException ex) {
        LOG.warn(
            "adaptor {} failed to hand its job session over: {}",
            e.getKey().getClass().getName(),
            ex.toString());
      }
    }
  }

  @Override
  public void close() {
    for (var e : sessions.entrySet()) {
      try {
        e.getValue().close();
      } catch (RuntimeException ex) {
        LOG.warn(
            "adaptor {} failed to close its job session: {}",
            e.getKey().getClass().getName(),
            ex.toString());
      }
    }
    sessions.clear();
  }
}
