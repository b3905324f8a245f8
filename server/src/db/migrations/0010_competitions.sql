-- Competitions (HQ's contests with prizes, closed once) and what leaderboards read besides the counters:
-- each member's new customers, per day, ISO week and month (China time).

CREATE TABLE competitions (
  id             bigserial PRIMARY KEY,
  name           text NOT NULL,
  metric         text NOT NULL CHECK (metric IN ('gmv', 'orders', 'new_customers', 'group_growth', 'tasks')),
  cohort         jsonb NOT NULL,
  starts_at      timestamptz NOT NULL,
  ends_at        timestamptz NOT NULL,
  repeat         text NOT NULL DEFAULT 'none' CHECK (repeat IN ('none', 'weekly', 'monthly')),
  prizes         jsonb NOT NULL,
  closed_at      timestamptz,
  ranked         integer,
  cancelled_at   timestamptz,
  cancel_reason  text,
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  CHECK (closed_at IS NULL OR cancelled_at IS NULL)
);
-- The close job's scan: open competitions whose window has ended.
CREATE INDEX competitions_due_idx ON competitions (ends_at, id) WHERE closed_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX competitions_ends_idx ON competitions (ends_at DESC, id DESC);

-- The frozen standings: one row per ranked member, written once when the competition closes.
CREATE TABLE competition_results (
  competition_id  bigint NOT NULL REFERENCES competitions(id),
  member_id       bigint NOT NULL REFERENCES members(id),
  rank            integer NOT NULL CHECK (rank >= 1),
  value           bigint NOT NULL,
  PRIMARY KEY (competition_id, member_id)
);
CREATE INDEX competition_results_rank_idx ON competition_results (competition_id, rank, member_id);

-- A member's customers: each buyer once, with the first purchase credited to the member (any seller of
-- record of the sale) that is still a purchase (not refunded in full, not voided). Kept by an outbox
-- handler on sale.paid and sale.refunded; the periods table counts first purchases per day, week, month.
CREATE TABLE member_customers (
  member_id      bigint NOT NULL REFERENCES members(id),
  buyer_user_id  bigint NOT NULL REFERENCES users(id),
  first_sale_id  bigint NOT NULL REFERENCES sales(id),
  first_paid_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, buyer_user_id)
);

CREATE TABLE member_customer_periods (
  member_id      bigint NOT NULL REFERENCES members(id),
  period_kind    text NOT NULL CHECK (period_kind IN ('day', 'week', 'month')),
  period_key     text NOT NULL,
  new_customers  integer NOT NULL DEFAULT 0 CHECK (new_customers >= 0),
  PRIMARY KEY (member_id, period_kind, period_key)
);

-- Boards read one period of every member. Only the period columns are indexed (no value column), so the
-- counter updates on the sale path stay HOT updates.
CREATE INDEX member_customer_periods_period_idx ON member_customer_periods (period_kind, period_key);
CREATE INDEX member_counter_periods_period_idx ON member_counter_periods (period_kind, period_key);

-- Sales paid before this migration: their customers, so this month's board is right from the start.
INSERT INTO member_customers (member_id, buyer_user_id, first_sale_id, first_paid_at)
SELECT DISTINCT ON (seller.member_id, s.buyer_user_id) seller.member_id, s.buyer_user_id, s.id, s.paid_at
  FROM sales s
 CROSS JOIN LATERAL (SELECT DISTINCT (x->>'memberId')::bigint AS member_id FROM jsonb_array_elements(coalesce(s.attribution->'sellers', '[]'::jsonb)) x) seller
 WHERE s.paid_at IS NOT NULL AND s.buyer_user_id IS NOT NULL AND s.status IN ('paid', 'partially_refunded')
 ORDER BY seller.member_id, s.buyer_user_id, s.paid_at, s.id;

INSERT INTO member_customer_periods (member_id, period_kind, period_key, new_customers)
SELECT c.member_id, k.kind, k.key, count(*)
  FROM member_customers c
 CROSS JOIN LATERAL (VALUES
   ('day', to_char((c.first_paid_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')),
   ('week', to_char((c.first_paid_at AT TIME ZONE 'UTC') + interval '8 hours', 'IYYY-"W"IW')),
   ('month', to_char((c.first_paid_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM'))) k(kind, key)
 GROUP BY c.member_id, k.kind, k.key;
