-- D29 people. A person (an "ashare" in the original's words) has a share id and a user id, an
-- email, an access level per account or per integration (in doc), and an Argon2id password hash
-- once they have set one through their link.
create table people (
  id            varchar(24) primary key,
  user_id       varchar(24) not null unique,
  email         varchar(320) not null unique,
  password_hash varchar(200),
  created_at    bigint not null,
  last_modified bigint not null,
  last_sign_in  bigint,
  doc           text not null
);

-- One-time links to set a password: only the SHA-256 of the link's token is kept.
create table password_links (
  token_hash varchar(64) primary key,
  person_id  varchar(24) not null,
  expires_at bigint not null,
  used_at    bigint
);
create index password_links_person on password_links (person_id);

-- Signed-in sessions, found by the SHA-256 of the cookie's value; they end after being idle, and
-- at an absolute limit however busy they are.
create table sessions (
  id_hash      varchar(64) primary key,
  person_id    varchar(24) not null,
  csrf_token   varchar(64) not null,
  created_at   bigint not null,
  last_seen_at bigint not null
);
create index sessions_person on sessions (person_id);
