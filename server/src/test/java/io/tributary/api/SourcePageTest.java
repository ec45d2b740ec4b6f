package io.tributary.api;

class SourcePageTest extends SourcePageContract {
  @Override
  boolean postgres() {
    return false;
  }
}
