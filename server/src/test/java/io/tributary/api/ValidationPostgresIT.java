package io.tributary.api;

class ValidationPostgresIT extends ValidationContract {
  @Override
  boolean postgres() {
    return true;
  }
}
