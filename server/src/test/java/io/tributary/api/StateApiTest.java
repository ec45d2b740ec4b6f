package io.tributary.api;

class StateApiTest extends StateApiContract {
  @Override
  boolean postgres() {
    return false;
  }
}
