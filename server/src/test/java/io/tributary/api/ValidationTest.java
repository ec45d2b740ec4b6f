package io.tributary.api;

class ValidationTest extends ValidationContract {
  @Override
  boolean postgres() {
    return false;
  }
}
