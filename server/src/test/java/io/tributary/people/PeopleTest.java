package io.tributary.people;

class PeopleTest extends PeopleContract {
  @Override
  boolean postgres() {
    return false;
  }
}
