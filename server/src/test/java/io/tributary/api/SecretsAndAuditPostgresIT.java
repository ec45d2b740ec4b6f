package io.tributary.api;

class SecretsAndAuditPostgresIT extends SecretsAndAuditContract {
  @Override
  boolean postgres() {
    return true;
  }
}
