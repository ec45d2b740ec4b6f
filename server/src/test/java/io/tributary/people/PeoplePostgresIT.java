package io.tributary.people;

class PeoplePostgresIT extends PeopleContract {
  @Override
  boolean postgres() {
    return true;
  }
}
