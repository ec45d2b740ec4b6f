package io.tributary.adaptors;

import java.util.List;
import java.util.Set;

/**
 * Reaches one kind of system (integrator.io's "adaptor": HTTP, RDBMS, ...). Built-in adaptors are
 * found with {@link java.util.ServiceLoader}, so the built-in ones prove this SPI is enough.
 *
 * <p>Threading: one instance serves every job. Methods are called from the engine's worker threads
 * (virtual threads), concurrently for different pages and jobs; an adaptor keeps no per-call state
 * in fields. Every method call that reaches the remote system must hold a slot of the connection's
 * {@link Throttle} while a request is in flight.
 *
 * <p>Failures: a problem with one record is data (a {@link RecordError} in that record's result). A
 * problem with the whole call throws {@link AdaptorException}, which says whether it is worth
 * retrying and whether the connection's credentials were refused.
 *
 * <p>Lifecycle: the server loads each adaptor once, calls {@link #open()} before the first call and
 * {@link #close()} at shutdown; {@link #connectionChanged} when a connection changes; {@link
 * #openSession} at the start of each job, whose session the engine closes at the job's end.
 */
public interface Adaptor {
  /**
   * What this adaptor serves: connection types (with their settings block, default concurrency and
   * secret fields) and adaptor types. Called once when the adaptor is registered; must not change.
   */
  AdaptorDescriptor descriptor();

  /** The connection {@code type}s this adaptor serves, e.g. {@code http} and {@code rest}. */
  default Set<String> connectionTypes() {
    Set<String> types = new java.util.LinkedHashSet<>();
    for (AdaptorDescriptor.ConnectionKind c : descriptor().connections()) types.add(c.type());
    return types;
  }

  /**
   * Called once, on the server's main thread, after the adaptor was loaded and before any other
   * call but {@link #descriptor()}. Throwing stops the server from starting (the message says why).
   */
  default void open() {}

  /**
   * Called once at shutdown, on the thread stopping the server, after the last job ended or was
   * abandoned: the adaptor closes what it holds (pools, clients, threads). Must not throw.
   */
  default void close() {}

  /**
   * Called when a job that uses this adaptor starts, on the job's thread, before the job's first
   * call; the session reaches every call of the job as {@link StepContext#session()} and is closed
   * when the job ends. Throwing fails the job. By default an adaptor keeps nothing per job.
   */
  default JobSession openSession(String jobId) {
    return JobSession.NONE;
  }

  /**
   * Checks that the connection works (called by {@code GET /v1/connections/:id/ping}, on the
   * request thread). Answers normally when it does; throws {@link AdaptorException} saying why not.
   */
  void ping(StepContext context);

  /**
   * Starts reading an export's records. Called once per page generator per job, on the job's
   * thread; the returned source is pulled page by page on that thread and closed by the engine
   * (also when the job is canceled). Nothing may be read before the first {@code next()} call, and
   * no more than one page may be held at a time: memory stays flat however large the source.
   */
  PageSource export(StepContext context);

  /**
   * Runs a lookup for each record of a page, in order: one result per record. Called on a worker
   * thread for each page that reaches the lookup step.
   */
  List<LookupResult> lookup(
      StepContext context, List<com.fasterxml.jackson.databind.node.ObjectNode> records);

  /**
   * Writes the page's (already mapped) records to the destination: one result per record, in order.
   * Called on a worker thread for each page that reaches the import step.
   */
  List<SubmitResult> submit(
      StepContext context, List<com.fasterxml.jackson.databind.JsonNode> records);

  /**
   * Called after a page of a {@code type: "once"} export went through the whole flow, with the
   * exported records that failed no step, on the worker thread that processed the page. The adaptor
   * marks them exported (integrator.io's {@code once}); the records of failed ones stay unmarked so
   * the next run exports them again. Throwing fails the job. By default there is nothing to mark.
   */
  default void pageDone(
      StepContext context, List<com.fasterxml.jackson.databind.node.ObjectNode> succeeded) {}

  /**
   * Called after a connection of one of this adaptor's types was replaced, patched or deleted, on
   * the thread that made the change, once it committed. The adaptor lets go of what it keeps for
   * that connection (pools, sessions); calls already running finish on what they hold, and the next
   * call gets fresh ones from the connection as it is now. Must not throw or block for long.
   */
  default void connectionChanged(String connectionId) {}
}
