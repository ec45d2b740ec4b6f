package io.tributary.api;

class StatePostgresIT extends StateApiContract {
  @Override
  boolean postgres() {
    return true;
  }
}
