-- Foundation: users and staff roles, the store hierarchy, members, referral bindings, audit log, brand settings.
-- Business timestamps are always written by the application's clock (tests move it), never by now().

CREATE TABLE users (
  id          bigserial PRIMARY KEY,
  openid      text NOT NULL UNIQUE,
  unionid     text,
  nickname    text NOT NULL,
  avatar_url  text,
  created_at  timestamptz NOT NULL
);

CREATE TABLE regions (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL
);

CREATE TABLE stores (
  id          bigserial PRIMARY KEY,
  region_id   bigint NOT NULL REFERENCES regions(id),
  name        text NOT NULL,
  address     text,
  created_at  timestamptz NOT NULL,
  UNIQUE (region_id, name)
);

CREATE TABLE staff_roles (
  id          bigserial PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users(id),
  role        text NOT NULL CHECK (role IN ('store_manager', 'community_manager', 'hq_admin')),
  store_id    bigint REFERENCES stores(id),
  created_at  timestamptz NOT NULL,
  UNIQUE (user_id, role),
  CHECK ((role = 'store_manager') = (store_id IS NOT NULL))
);

CREATE TABLE members (
  id                 bigserial PRIMARY KEY,
  user_id            bigint NOT NULL UNIQUE REFERENCES users(id),
  type               text NOT NULL CHECK (type IN ('koc', 'kos', 'external')),
  status             text NOT NULL CHECK (status IN ('applied', 'rejected', 'active', 'warned', 'probation', 'removed', 'banned')),
  level              smallint NOT NULL DEFAULT 1,
  referral_code      text NOT NULL UNIQUE,
  store_id           bigint REFERENCES stores(id),
  application        jsonb,
  joined_at          timestamptz NOT NULL,
  status_changed_at  timestamptz NOT NULL,
  CHECK (type <> 'kos' OR store_id IS NOT NULL)
);
CREATE INDEX members_store_idx ON members (store_id) WHERE store_id IS NOT NULL;
CREATE INDEX members_status_idx ON members (status, joined_at);

CREATE TABLE member_status_history (
  id             bigserial PRIMARY KEY,
  member_id      bigint NOT NULL REFERENCES members(id),
  from_status    text,
  to_status      text NOT NULL,
  actor_user_id  bigint REFERENCES users(id),
  reason         text,
  at             timestamptz NOT NULL
);
CREATE INDEX member_status_history_member_idx ON member_status_history (member_id, id);

-- A user's current referrer. For a member it is their L1 upline (the L2 is the upline's own binding);
-- for a plain buyer it is the member whose customer they are. History lives in audit_log.
CREATE TABLE bindings (
  user_id     bigint PRIMARY KEY REFERENCES users(id),
  member_id   bigint NOT NULL REFERENCES members(id),
  source      text NOT NULL CHECK (source IN ('join', 'scan', 'admin', 'group', 'handover')),
  bound_at    timestamptz NOT NULL,
  expires_at  timestamptz
);
CREATE INDEX bindings_member_idx ON bindings (member_id, bound_at DESC);
CREATE INDEX bindings_expiry_idx ON bindings (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE audit_log (
  id             bigserial PRIMARY KEY,
  actor_user_id  bigint REFERENCES users(id),
  action         text NOT NULL,
  subject_type   text NOT NULL,
  subject_id     bigint NOT NULL,
  data           jsonb NOT NULL DEFAULT '{}'::jsonb,
  reason         text,
  at             timestamptz NOT NULL
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, id);

-- One brand per deployment: one settings document.
CREATE TABLE brand_settings (
  id          smallint PRIMARY KEY CHECK (id = 1),
  doc         jsonb NOT NULL,
  updated_at  timestamptz NOT NULL
);
INSERT INTO brand_settings (id, doc, updated_at) VALUES (1, '{}'::jsonb, now());
