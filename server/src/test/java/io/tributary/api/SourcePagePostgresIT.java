package io.tributary.api;

class SourcePagePostgresIT extends SourcePageContract {
  @Override
  boolean postgres() {
    return true;
  }
}
