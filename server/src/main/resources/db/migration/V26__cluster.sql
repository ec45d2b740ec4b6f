-- Cluster mode (D26): the nodes sharing this store, which node runs each job, and each flow job's
-- checkpoint (the resume point after the last page that went through every step).
create table cluster_nodes (
  id                 varchar(24) primary key,
  host               varchar(255) not null,
  port               integer not null,
  started_at         bigint not null,
  last_heartbeat_at  bigint not null
);
create index cluster_nodes_heartbeat on cluster_nodes (last_heartbeat_at);

alter table jobs add column owner_node varchar(24);
alter table jobs add column checkpoint text;
create index jobs_owner on jobs (owner_node, status);
