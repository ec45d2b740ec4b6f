package io.tributary.flowops;

class FlowOpsTest extends FlowOpsContract {
  @Override
  boolean postgres() {
    return false;
  }
}
