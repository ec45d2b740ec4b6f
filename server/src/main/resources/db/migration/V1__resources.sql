-- PostgreSQL dialect; runs unchanged on H2 in MODE=PostgreSQL (see Database).
-- Documents are stored whole as JSON text; the columns beside them are what we query on.
create table resources (
  id            varchar(24) primary key,
  type          varchar(32) not null,
  integration_id varchar(24),
  connection_id varchar(24),
  created_at    bigint not null,
  last_modified bigint not null,
  doc           text not null
);
create index resources_type_id on resources (type, id);
create index resources_integration on resources (integration_id);
create index resources_connection on resources (connection_id);

-- Every reference from one resource to another, kept in step with the documents, so that
-- "who uses X" (409 on delete, dependencies, integration sub-lists) is one indexed query.
create table resource_refs (
  from_id   varchar(24) not null,
  from_type varchar(32) not null,
  to_id     varchar(24) not null,
  field     varchar(300) not null
);
create index resource_refs_to on resource_refs (to_id);
create index resource_refs_from on resource_refs (from_id);

create table audit_entries (
  id            varchar(24) primary key,
  resource_type varchar(32) not null,
  resource_id   varchar(24) not null,
  event         varchar(16) not null,
  source        varchar(16) not null,
  by_user_id    varchar(24),
  at            bigint not null,
  doc           text not null
);
create index audit_resource on audit_entries (resource_id, at);
create index audit_at on audit_entries (at);

create table access_tokens (
  id          varchar(24) primary key,
  token_hash  varchar(64) not null unique,
  user_id     varchar(24) not null,
  created_at  bigint not null,
  last_modified bigint not null,
  expires_at  bigint,
  revoked_at  bigint,
  doc         text not null
);

create table meta (
  k varchar(64) primary key,
  v text not null
);
