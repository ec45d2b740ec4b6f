-- The state API (D30): JSON values by key, account-wide (owner_id '') or under one resource.
create table state_values (
  owner_id   varchar(24) not null,
  k          varchar(200) not null,
  v          text not null,
  updated_at bigint not null,
  primary key (owner_id, k)
);
