package io.tributary.webhooks;

class WebhookCrashTest extends WebhookCrashContract {
  @Override
  boolean postgres() {
    return false;
  }
}
