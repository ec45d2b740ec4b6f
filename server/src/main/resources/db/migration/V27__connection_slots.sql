-- A connection's concurrencyLevel and 429 pauses across the nodes of a cluster (D26). Each row is
-- one request slot of a connection: free (node_id null, or expires_at passed: its node died), or
-- leased by one node for one request. Slots are numbered 0 .. level-1; after a level is lowered the
-- higher ones are simply not handed out any more. Used on PostgreSQL only; the embedded store is
-- one node, which counts in memory.
create table connection_slots (
  connection_id  varchar(64) not null,
  slot           integer not null,
  node_id        varchar(24),
  lease          bigint,
  expires_at     bigint not null,
  primary key (connection_id, slot)
);

-- The latest end of a 429's pause per connection (greatest wins); every node waits for it.
create table connection_pauses (
  connection_id  varchar(64) primary key,
  paused_until   bigint not null
);
