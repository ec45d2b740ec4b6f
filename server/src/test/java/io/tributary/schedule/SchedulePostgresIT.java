package io.tributary.schedule;

class SchedulePostgresIT extends ScheduleContract {
  @Override
  boolean postgres() {
    return true;
  }
}
