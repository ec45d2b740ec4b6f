package io.tributary.engine;

class HandOverTest extends HandOverContract {
  @Override
  boolean postgres() {
    return false;
  }
}
