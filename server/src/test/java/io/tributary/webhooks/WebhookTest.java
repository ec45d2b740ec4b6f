package io.tributary.webhooks;

class WebhookTest extends WebhookContract {
  @Override
  boolean postgres() {
    return false;
  }
}
