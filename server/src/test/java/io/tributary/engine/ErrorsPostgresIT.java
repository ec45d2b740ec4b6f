package io.tributary.engine;

class ErrorsPostgresIT extends ErrorsContract {
  @Override
  boolean postgres() {
    return true;
  }
}
