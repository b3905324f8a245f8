-- The reward engine: per-member counters, rules as data, grants (one per rule, member and event),
-- and what grants produce: badges, code pools, gifts to ship, privileges; the level ladder.

-- The worker takes a member's events in order: this finds a member's earliest pending event fast.
CREATE INDEX outbox_member_pending_idx ON outbox_events (member_id, id) WHERE status = 'pending';

CREATE TABLE member_counters (
  member_id          bigint PRIMARY KEY REFERENCES members(id),
  gmv_fen            bigint NOT NULL DEFAULT 0,
  orders             integer NOT NULL DEFAULT 0,
  first_order_at     timestamptz,
  l1_count           integer NOT NULL DEFAULT 0,
  l2_count           integer NOT NULL DEFAULT 0,
  group_size         integer NOT NULL DEFAULT 0,
  fans_gained        integer NOT NULL DEFAULT 0,
  tasks_completed    integer NOT NULL DEFAULT 0,
  active_days        integer NOT NULL DEFAULT 0,
  streak_days        integer NOT NULL DEFAULT 0,
  last_active_day    date,
  updated_at         timestamptz NOT NULL
);

-- The same metrics per calendar day, ISO week and month (Asia/Shanghai); rolling windows sum days.
CREATE TABLE member_counter_periods (
  member_id        bigint NOT NULL REFERENCES members(id),
  period_kind      text NOT NULL CHECK (period_kind IN ('day', 'week', 'month')),
  period_key       text NOT NULL,
  gmv_fen          bigint NOT NULL DEFAULT 0,
  orders           integer NOT NULL DEFAULT 0,
  fans_gained      integer NOT NULL DEFAULT 0,
  tasks_completed  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (member_id, period_kind, period_key)
);

-- Which counter changes an event already made, so a replayed event counts once.
CREATE TABLE counter_applied_events (
  event_id   bigint PRIMARY KEY,
  applied_at timestamptz NOT NULL
);

CREATE TABLE reward_rules (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  trigger      text NOT NULL,
  conditions   jsonb NOT NULL,
  reward       jsonb NOT NULL,
  limits       jsonb NOT NULL,
  stage        text NOT NULL CHECK (stage IN ('early', 'middle', 'long-term')),
  active_from  timestamptz,
  active_until timestamptz,
  paused       boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX reward_rules_trigger_idx ON reward_rules (trigger) WHERE NOT paused;

CREATE TABLE reward_grants (
  id          bigserial PRIMARY KEY,
  rule_id     bigint REFERENCES reward_rules(id),
  level       integer,
  member_id   bigint NOT NULL REFERENCES members(id),
  source_key  text NOT NULL,
  period_key  text NOT NULL,
  kind        text NOT NULL,
  status      text NOT NULL CHECK (status IN ('granted', 'awaiting_address', 'address_confirmed', 'shipped', 'received', 'pool_empty', 'over_budget')),
  amount_fen  bigint NOT NULL DEFAULT 0,
  data        jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  UNIQUE (source_key)
);
CREATE INDEX reward_grants_member_idx ON reward_grants (member_id, id DESC);
CREATE INDEX reward_grants_rule_idx ON reward_grants (rule_id, member_id, period_key);

CREATE TABLE badges (
  member_id  bigint NOT NULL REFERENCES members(id),
  code       text NOT NULL,
  name       text NOT NULL,
  icon       text NOT NULL,
  tier       text NOT NULL,
  grant_id   bigint REFERENCES reward_grants(id),
  earned_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, code)
);

CREATE TABLE code_pools (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  kind        text NOT NULL CHECK (kind IN ('coupon', 'membership')),
  created_at  timestamptz NOT NULL
);

CREATE TABLE pool_codes (
  id          bigserial PRIMARY KEY,
  pool_id     bigint NOT NULL REFERENCES code_pools(id),
  code        text NOT NULL,
  member_id   bigint REFERENCES members(id),
  grant_id    bigint REFERENCES reward_grants(id),
  granted_at  timestamptz,
  UNIQUE (pool_id, code)
);
CREATE INDEX pool_codes_free_idx ON pool_codes (pool_id, id) WHERE member_id IS NULL;

CREATE TABLE privileges (
  id          bigserial PRIMARY KEY,
  member_id   bigint NOT NULL REFERENCES members(id),
  name        text NOT NULL,
  granted_at  timestamptz NOT NULL,
  expires_at  timestamptz,
  revoked_at  timestamptz,
  grant_id    bigint REFERENCES reward_grants(id),
  reason      text
);
CREATE UNIQUE INDEX privileges_active_idx ON privileges (member_id, name) WHERE revoked_at IS NULL;

CREATE TABLE levels (
  level       integer PRIMARY KEY CHECK (level >= 1),
  name        text NOT NULL,
  promote     jsonb NOT NULL,
  keep        jsonb NOT NULL,
  rewards     jsonb NOT NULL,
  updated_at  timestamptz NOT NULL
);
