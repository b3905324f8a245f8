-- Periodic assessments: HQ's policies per cohort, and each member's result per period.

CREATE TABLE assessment_policies (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  cohort      jsonb NOT NULL,
  period      text NOT NULL CHECK (period IN ('month', 'quarter')),
  metrics     jsonb NOT NULL,
  ladder      jsonb NOT NULL,
  tiers       jsonb,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

CREATE TABLE assessment_results (
  id          bigserial PRIMARY KEY,
  policy_id   bigint NOT NULL REFERENCES assessment_policies(id),
  member_id   bigint NOT NULL REFERENCES members(id),
  period_key  text NOT NULL,
  metrics     jsonb NOT NULL,
  score       integer NOT NULL,
  passed      boolean NOT NULL,
  misses      integer NOT NULL DEFAULT 0,
  outcome     text NOT NULL CHECK (outcome IN ('pass', 'warn', 'probation', 'remove')),
  tier        text CHECK (tier IN ('S', 'A', 'B', 'C')),
  created_at  timestamptz NOT NULL,
  UNIQUE (policy_id, member_id, period_key)
);
CREATE INDEX assessment_results_member_idx ON assessment_results (member_id, id DESC);
CREATE INDEX assessment_results_period_idx ON assessment_results (policy_id, period_key);

-- New customers per seller of record in a window: sales by their first seller and buyer.
CREATE INDEX sales_first_seller_idx ON sales (((attribution->'sellers'->0->>'memberId')::bigint), buyer_user_id, paid_at) WHERE paid_at IS NOT NULL;
