-- Automatic retries of transient failures: which errors may be retried by themselves, how often
-- they were, and which error a fresh failure of a retried record follows.
alter table record_errors add column retryable boolean not null default false;
alter table record_errors add column attempts integer not null default 0;
alter table record_errors add column retry_of varchar(24);
create index record_errors_auto_retry on record_errors (flow_id, retryable, resolved_at);
