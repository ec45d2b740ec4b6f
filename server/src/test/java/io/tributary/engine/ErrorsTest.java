package io.tributary.engine;

class ErrorsTest extends ErrorsContract {
  @Override
  boolean postgres() {
    return false;
  }
}
