package io.tributary.engine;

import io.tributary.jobs.JobStatus;

/**
 * What the engine reports as it runs, for metrics and traces: jobs, records per step, page latency
 * and each request a connection served. Called on the engine's threads, so an implementation must
 * be quick and thread-safe. Arguments carry ids of configuration (steps, connections), never record
 * data.
 */
public interface RunObserver {
  /** A flow job (type {@code flow} or {@code retry}) began running. */
  default void jobStarted(String type) {}

  /** A flow job ended with {@code status}. */
  default void jobEnded(String type, JobStatus status) {}

  /** The thread that ran a flow job is done with it (after {@link #jobEnded}, or without one). */
  default void jobDone() {}

  /** A page starts through the steps, on this thread (for traces). */
  default void pageStarted() {}

  /** A step (lookup or import) starts on a page, on this thread; {@link #stepRecords} ends it. */
  default void stepStarted(String stepId) {}

  /** The records one step ({@code kind}: export, lookup or import) finished on one page. */
  default void stepRecords(String stepId, String kind, long success, long ignore, long error) {}

  /** One page went through every step. */
  default void pageProcessed(long nanos) {}

  /**
   * A request to a connection ended, {@code nanos} after it got its slot. {@code status} is the
   * adaptor's answer status (an HTTP status), 0 when no answer came, -1 when the adaptor reports
   * none.
   */
  default void request(String connectionId, int status, long nanos) {}

  RunObserver NONE = new RunObserver() {};
}
