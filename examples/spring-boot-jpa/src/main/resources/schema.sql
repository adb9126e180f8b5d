-- The seed's schema: organizations, users, their roles and an audit log, with foreign keys.
-- Deliberately missing, as in the seed: an index on users.organization_id, one on
-- user_roles.user_id (the primary key starts with role), and one for the listing's
-- "active, not deleted, newest first" filter. audit_logs.user_id has its index.
-- H2 indexes every foreign key by itself, so the first two are missing on PostgreSQL only.
drop table if exists audit_logs;
drop table if exists user_roles;
drop table if exists users;
drop table if exists organizations;

create table organizations (
  id bigint primary key,
  name varchar(100) not null
);

create table users (
  id bigint primary key,
  organization_id bigint not null references organizations(id),
  email varchar(200) not null,
  is_active boolean not null default false,
  deleted_at timestamp,
  created_at timestamp not null
);

create table user_roles (
  user_id bigint not null references users(id),
  role varchar(20) not null,
  primary key (role, user_id)
);

create table audit_logs (
  id bigint primary key,
  user_id bigint not null references users(id),
  action varchar(50) not null,
  created_at timestamp not null
);

create index audit_logs_user_id_idx on audit_logs (user_id);
