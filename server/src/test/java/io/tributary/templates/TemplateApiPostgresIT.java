package io.tributary.templates;

class TemplateApiPostgresIT extends TemplateApiContract {
  @Override
  boolean postgres() {
    return true;
  }
}
