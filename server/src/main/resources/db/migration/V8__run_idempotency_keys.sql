-- Idempotency-Key of POST /v1/flows/:id/run: a client that retries a run request with the same key
-- (per token and flow, within 24 hours) gets the job of the first request instead of a second run.
create table run_idempotency_keys (
  token_id      varchar(64) not null,
  flow_id       varchar(24) not null,
  idem_key      varchar(255) not null,
  request_hash  varchar(64) not null,
  job_id        varchar(24) not null,
  created_at    bigint not null,
  primary key (token_id, flow_id, idem_key)
);
create index run_idempotency_keys_created on run_idempotency_keys (created_at);
