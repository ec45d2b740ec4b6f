package io.tributary.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

  /**
   * A node that keeps its database session (here: a test connection holds its liveness lock) is
   * left alone while it heartbeats (three sweeps and more), and once it hangs (its heartbeat goes
   * stale) the silence rule takes its job over.
   */
  @Test
  void aJobOfAHungNodeWhoseSessionLivesIsTakenOverAfterItsSilence() throws Exception {
    try (Connection c = server.app().database().openSession();
        PreparedStatement lock = c.prepareStatement("select pg_advisory_lock(?, ?)")) {
      lock.setInt(1, 0x54524942); // NodeLocks.NAMESPACE
      lock.setInt(2, "deadbeefdeadbeefdeadbeef".hashCode()); // NodeLocks.key of the fake node
      lock.execute();
      takenOverFrom(System.currentTimeMillis() - 3_600_000L, 10_000);
    }
  }
}
