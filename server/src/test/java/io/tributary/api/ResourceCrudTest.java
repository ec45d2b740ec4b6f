package io.tributary.api;

class ResourceCrudTest extends ResourceCrudContract {
  @Override
  boolean postgres() {
    return false;
  }
}
