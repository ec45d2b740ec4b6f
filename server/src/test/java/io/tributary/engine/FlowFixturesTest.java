package io.tributary.engine;

/** The flow fixtures on the embedded H2 store. */
class FlowFixturesTest extends FlowFixturesContract {
  @Override
  boolean postgres() {
    return false;
  }
}
