package io.tributary.resources;

class DocumentStorePostgresIT extends DocumentStoreContract {
  @Override
  boolean postgres() {
    return true;
  }
}
