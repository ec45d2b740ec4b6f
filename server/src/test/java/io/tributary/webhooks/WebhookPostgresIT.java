package io.tributary.webhooks;

class WebhookPostgresIT extends WebhookContract {
  @Override
  boolean postgres() {
    return true;
  }
}
