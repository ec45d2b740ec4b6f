-- db-scheduler's table (its DDL is not in its jar): the schedule tick runs on one node at a time.
create table scheduled_tasks (
  task_name            text not null,
  task_instance        text not null,
  task_data            bytea,
  execution_time       timestamp with time zone,
  picked               boolean not null,
  picked_by            text,
  last_success         timestamp with time zone,
  last_failure         timestamp with time zone,
  consecutive_failures int,
  last_heartbeat       timestamp with time zone,
  version              bigint not null,
  priority             smallint,
  state                text,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority on scheduled_tasks (priority desc, execution_time asc);

-- When each flow schedule (or page generator schedule, export_id not empty) fires next.
create table schedule_state (
  flow_id     varchar(24) not null,
  export_id   varchar(24) not null,
  signature   text not null,
  next_run_at bigint not null,
  primary key (flow_id, export_id)
);
