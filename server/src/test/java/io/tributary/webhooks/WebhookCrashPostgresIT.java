package io.tributary.webhooks;

class WebhookCrashPostgresIT extends WebhookCrashContract {
  @Override
  boolean postgres() {
    return true;
  }
}
