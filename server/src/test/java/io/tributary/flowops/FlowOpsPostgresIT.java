package io.tributary.flowops;

class FlowOpsPostgresIT extends FlowOpsContract {
  @Override
  boolean postgres() {
    return true;
  }
}
