package io.tributary.adaptors;

/**
 * A connection's request slots: at most {@code concurrencyLevel} requests in flight across all
 * jobs. An adaptor holds a slot for each request it sends and releases it when the response is
 * read.
 */
public interface Throttle {
  /**
   * Blocks until a slot is free (or the job is canceled, which throws); answers the slot to close.
   */
  Slot acquire();

  /** Lets no request of this connection start before {@code epochMillis} (a 429's Retry-After). */
  void pauseUntil(long epochMillis);

  interface Slot extends AutoCloseable {
    /**
     * Tells what the request answered (an HTTP status, or 0 when no answer came), before the slot
     * is closed. Optional: the engine only counts it (metrics by status class).
     */
    default void answered(int status) {}

    @Override
    void close();
  }

  /** No limit at all: for tests and for connections that need none. */
  Throttle NONE =
      new Throttle() {
        @Override
        public Slot acquire() {
          return () -> {};
        }

        @Override
        public void pauseUntil(long epochMillis) {}
      };
}
