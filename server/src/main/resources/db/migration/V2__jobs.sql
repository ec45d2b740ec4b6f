-- Jobs of flow runs (flow jobs and their export/import children), the failed records of each
-- step with their retry data, and the delta high-water marks.
create table jobs (
  id              varchar(24) primary key,
  type            varchar(16) not null,
  flow_id         varchar(24),
  integration_id  varchar(24),
  flow_job_id     varchar(24),
  export_id       varchar(24),
  import_id       varchar(24),
  status          varchar(16) not null,
  created_at      bigint not null,
  last_modified   bigint not null,
  started_at      bigint,
  ended_at        bigint,
  num_success     bigint not null default 0,
  num_error       bigint not null default 0,
  num_ignore      bigint not null default 0,
  num_export      bigint not null default 0,
  num_pages_generated bigint not null default 0,
  num_pages_processed bigint not null default 0,
  cancel_requested boolean not null default false,
  doc             text not null
);
create index jobs_flow on jobs (flow_id, created_at);
create index jobs_parent on jobs (flow_job_id);
create index jobs_status on jobs (status, flow_id);
create index jobs_created on jobs (created_at);

create table record_errors (
  id              varchar(24) primary key,
  flow_id         varchar(24) not null,
  step_id         varchar(24) not null,
  flow_job_id     varchar(24),
  job_id          varchar(24),
  occurred_at     bigint not null,
  source          varchar(40) not null,
  code            varchar(200) not null,
  message         text,
  trace_key       varchar(2000),
  retry_data_key  varchar(24),
  o_index         integer,
  resolved_at     bigint,
  resolved_by     varchar(16),
  retry_data      text,
  doc             text not null
);
create index record_errors_step on record_errors (flow_id, step_id, resolved_at, occurred_at, id);
create index record_errors_flow_job on record_errors (flow_job_id);
create index record_errors_job on record_errors (job_id);
create index record_errors_trace on record_errors (flow_id, step_id, trace_key);

create table delta_state (
  flow_id         varchar(24) not null,
  export_id       varchar(24) not null,
  last_export_at  bigint not null,
  primary key (flow_id, export_id)
);
