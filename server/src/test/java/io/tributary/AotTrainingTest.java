package io.tributary;

import org.junit.jupiter.api.Test;

/**
 * The AOT cache's training run must keep working as the API changes: when it fails, the launcher
 * starts without the cache (slower, silently but for one line), so a failure is caught here.
 */
class AotTrainingTest {
  @Test
  void theTrainingRunStartsAServerRunsItsFlowAndStops() {
    // Throws on any error answer, including a flow run that does not complete.
    AotTraining.run();
  }
}
