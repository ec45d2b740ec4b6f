package io.tributary.engine;

class HandOverPostgresIT extends HandOverContract {
  @Override
  boolean postgres() {
    return true;
  }
}
