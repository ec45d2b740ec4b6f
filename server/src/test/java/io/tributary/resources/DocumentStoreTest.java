package io.tributary.resources;

class DocumentStoreTest extends DocumentStoreContract {
  @Override
  boolean postgres() {
    return false;
  }
}
