-- A primary-key read, as most of a run's statements are.
\set p random(1, 4000)
select num_success from jobs where id = lpad(:p::text, 24, '0');
