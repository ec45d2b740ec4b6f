package io.tributary.api;

class SecretsAndAuditTest extends SecretsAndAuditContract {
  @Override
  boolean postgres() {
    return false;
  }
}
