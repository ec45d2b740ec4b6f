-- The retry job replaying an error, so that two retry requests never replay one record twice.
alter table record_errors add column retry_job_id varchar(24);
alter table record_errors add column retried_at bigint;
create index record_errors_retry_job on record_errors (retry_job_id);
