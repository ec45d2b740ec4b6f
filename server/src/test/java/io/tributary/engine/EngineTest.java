package io.tributary.engine;

class EngineTest extends EngineContract {
  @Override
  boolean postgres() {
    return false;
  }
}
