package io.tributary.engine;

class EnginePostgresIT extends EngineContract {
  @Override
  boolean postgres() {
    return true;
  }
}
