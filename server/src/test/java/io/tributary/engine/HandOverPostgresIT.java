package io.tributary.engine;

import org.junit.jupiter.api.Test;

class HandOverPostgresIT extends HandOverContract {
  @Override
  boolean postgres() {
    return true;
  }

  /**
   * A node whose database session is gone (no liveness lock) is dead even while its last heartbeat
   * looks fresh: here it lies an hour ahead, so the silence rule could never take the job over
   * within the test's waits; only the lock can (D26, a {@code kill -9} found in seconds).
   */
  @Test
  void aJobWhoseNodeLostItsSessionIsTakenOverBeforeItsHeartbeatGoesStale() {
    takenOverFrom(System.currentTimeMillis() + 3_600_000L);
  }
}
