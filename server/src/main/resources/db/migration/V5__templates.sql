-- Uploaded templates (D14), kept until installed as often as wanted. V4 belongs to the scheduler.
create table templates (
  id          varchar(24) primary key,
  created_at  bigint not null,
  manifest    text not null,
  resources   text not null
);
