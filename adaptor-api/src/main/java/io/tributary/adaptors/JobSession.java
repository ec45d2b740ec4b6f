package io.tributary.adaptors;

/**
 * What an adaptor keeps for one job (e.g. which once-per-job statements already ran, files written
 * under a temporary name), instead of global state. {@link Adaptor#openSession} makes one when the
 * job starts; every call of that job finds it in {@link StepContext#session()}; when the job's last
 * page is done the engine calls {@link #end} with how the job went, then {@link #close}, however it
 * ends. Calls of one job may run concurrently on several threads, so a session is thread-safe.
 */
public interface JobSession extends AutoCloseable {
  /** How a job ended, as far as its pages went. */
  enum Outcome {
    /** Every page went through every step (records may still have failed: they are errors). */
    COMPLETED,
    /** The job stopped on a failure (a source or step failed as a whole, or an adaptor refused). */
    FAILED,
    /** The job was canceled. */
    CANCELED
  }

  /**
   * Called once when the job's last page is done, on the job's thread, after its last call and
   * before the job's status is written; then {@link #close()} follows. On {@link Outcome#COMPLETED}
   * the adaptor makes final what it staged for the job (renames files written under a temporary
   * name, removes files it read); otherwise it leaves the source as it was. Throwing {@link
   * AdaptorException} from a completed job fails the job with its message. By default nothing is
   * staged.
   */
  default void end(Outcome outcome) {}

  /**
   * Whether the session staged work that a run resumed elsewhere could not carry on (a file written
   * under a temporary name, which another node cannot append to). The engine notes it in the job's
   * checkpoint; a job resumed from such a checkpoint starts its sources over instead of leaving
   * that work out of the result. By default nothing is staged.
   */
  default boolean staged() {
    return false;
  }

  /**
   * The job goes on elsewhere from its last checkpoint (this node stops, or another node took the
   * job over), instead of {@link #end}: what was staged is let go (temporary files removed), since
   * the resumed run makes it again. Then {@link #close()} follows. Must not throw.
   */
  default void handOver() {}

  /**
   * Lets go of what the session holds. Called once, on the job's thread, after {@link #end}. Must
   * not throw.
   */
  @Override
  default void close() {}

  /**
   * The session of adaptors that keep nothing per job (and of calls outside a job, such as ping).
   */
  JobSession NONE = new JobSession() {};
}
