package io.tributary.schedule;

class ScheduleTest extends ScheduleContract {
  @Override
  boolean postgres() {
    return false;
  }
}
