package io.tributary.templates;

class TemplateApiTest extends TemplateApiContract {
  @Override
  boolean postgres() {
    return false;
  }
}
