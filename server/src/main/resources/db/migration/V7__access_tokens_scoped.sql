-- D28: a token's value is kept sealed with the master key so that it can be displayed again;
-- tokens made before this have none (regenerate them to display one).
alter table access_tokens add column token_sealed text;
