package io.tributary.api;

class ResourceCrudPostgresIT extends ResourceCrudContract {
  @Override
  boolean postgres() {
    return true;
  }
}
