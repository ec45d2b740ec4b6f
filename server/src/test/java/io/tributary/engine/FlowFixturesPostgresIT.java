package io.tributary.engine;

/** The flow fixtures on the local PostgreSQL. */
class FlowFixturesPostgresIT extends FlowFixturesContract {
  @Override
  boolean postgres() {
    return true;
  }
}
