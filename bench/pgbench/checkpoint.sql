-- A page's checkpoint as CheckpointStore.write sends it to PostgreSQL: one statement, the job's
-- fenced checkpoint and counters plus two child jobs' counters, committed (and flushed) alone.
\set p random(0, 999)
\set a :p * 4 + 1
\set b :p * 4 + 2
\set c :p * 4 + 3
with owned as (update jobs set checkpoint = '{"children":{"sources":{"0":"6b116e65434b01c3e78cc331"},"steps":{"0":"6b116e65434b01c3e78cc332","1":"6b116e65434b01c3e78cc333"}},"sources":{"0":{"lastExportAt":0,"pages":17,"position":{"page":18}}}}', num_success = num_success + 20, num_export = num_export + 20, num_pages_generated = num_pages_generated + 1, num_pages_processed = num_pages_processed + 1, last_modified = 1 where id = lpad(:a::text, 24, '0') and status = 'running' and owner_node = 'node' returning id),
 children as (update jobs c set num_success = c.num_success + v.s, last_modified = 1 from (values (lpad(:b::text, 24, '0'), 20), (lpad(:c::text, 24, '0'), 20)) v (id, s) where c.id = v.id and exists (select 1 from owned) returning 1)
select count(*) from owned;
