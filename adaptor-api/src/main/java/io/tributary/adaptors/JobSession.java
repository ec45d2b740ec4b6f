package io.tributary.adaptors;

/**
 * What an adaptor keeps for one job (e.g. which once-per-job statements already ran), instead of
 * global state. {@link Adaptor#openSession} makes one when the job starts; every call of that job
 * finds it in {@link StepContext#session()}; the engine closes it when the job ends, however it
 * ends. Calls of one job may run concurrently on several threads, so a session is thread-safe.
 */
public interface JobSession extends AutoCloseable {
  /** Lets go of what the session holds. Called once, on the job's thread, after its last call. Must not throw. */
  @Override
  default void close() {}

  /** The session of adaptors that keep nothing per job (and of calls outside a job, such as ping). */
  JobSession NONE = new JobSession() {};
}
