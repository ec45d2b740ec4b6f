-- The tables the pgbench scripts here write, shaped as Tributary's (a scratch database, not the
-- server's): createdb bench_pgbench && psql -f bench/pgbench/setup.sql bench_pgbench
create table jobs (id varchar(24) primary key, status varchar(16), owner_node varchar(24),
  checkpoint text, num_success bigint default 0, num_error bigint default 0,
  num_ignore bigint default 0, num_export bigint default 0,
  num_pages_generated bigint default 0, num_pages_processed bigint default 0,
  last_modified bigint);
insert into jobs (id, status, owner_node, last_modified)
  select lpad(g::text, 24, '0'), 'running', 'node', 0 from generate_series(1, 4000) g;
