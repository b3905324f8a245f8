-- Discipline: removals with the handover of the removed member's downlines and customers, appeals
-- against a removal, fans' reports of violations, and forfeited commission. Timestamps come from the
-- application's clock.

CREATE TABLE removals (
  id             bigserial PRIMARY KEY,
  member_id      bigint NOT NULL REFERENCES members(id),
  cause          text NOT NULL CHECK (cause IN ('assessment', 'violation', 'manual')),
  reason         text NOT NULL,
  actor_user_id  bigint REFERENCES users(id),
  removed_at     timestamptz NOT NULL,
  -- Who took over the bindings: the removed member's nearest working upline, or nobody (NULL; for a
  -- KOS their store keeps the customers, recorded in store_id).
  to_member_id   bigint REFERENCES members(id),
  store_id       bigint REFERENCES stores(id),
  -- An upheld appeal reverses the removal.
  reversed_at    timestamptz
);
CREATE INDEX removals_member_idx ON removals (member_id, id DESC);

-- The handover snapshot: every user whose binding pointed at the removed member, the binding as it
-- was, and where it went. An upheld appeal puts back those still pointing where the handover put them.
CREATE TABLE removal_handovers (
  removal_id      bigint NOT NULL REFERENCES removals(id),
  user_id         bigint NOT NULL REFERENCES users(id),
  from_member_id  bigint NOT NULL REFERENCES members(id),
  from_source     text NOT NULL,
  from_bound_at   timestamptz NOT NULL,
  expires_at      timestamptz,
  to_member_id    bigint REFERENCES members(id),
  restored_at     timestamptz,
  PRIMARY KEY (removal_id, user_id)
);

-- One appeal per removal, so HQ's decision is final.
CREATE TABLE appeals (
  id             bigserial PRIMARY KEY,
  removal_id     bigint NOT NULL UNIQUE REFERENCES removals(id),
  member_id      bigint NOT NULL REFERENCES members(id),
  reason         text NOT NULL,
  status         text NOT NULL CHECK (status IN ('open', 'upheld', 'rejected')),
  decision_note  text,
  decided_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL,
  decided_at     timestamptz
);
CREATE UNIQUE INDEX appeals_one_open_idx ON appeals (member_id) WHERE status = 'open';
CREATE INDEX appeals_status_idx ON appeals (status, id DESC);
CREATE INDEX appeals_member_idx ON appeals (member_id, id DESC);

CREATE TABLE reports (
  id                      bigserial PRIMARY KEY,
  reporter_user_id        bigint NOT NULL REFERENCES users(id),
  member_id               bigint NOT NULL REFERENCES members(id),
  -- The referral code as the reporter typed it: what they see on their list.
  member_code             text NOT NULL,
  reason                  text NOT NULL CHECK (reason IN ('other_brand_goods', 'fake_orders', 'harassment', 'other')),
  evidence                text,
  status                  text NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed')),
  note                    text,
  decided_by              bigint REFERENCES users(id),
  decided_at              timestamptz,
  forfeited_pending_fen   bigint CHECK (forfeited_pending_fen >= 0),
  forfeited_available_fen bigint CHECK (forfeited_available_fen >= 0),
  created_at              timestamptz NOT NULL
);
-- The reporter's rolling-window count and their own list.
CREATE INDEX reports_reporter_idx ON reports (reporter_user_id, created_at DESC);
CREATE INDEX reports_status_idx ON reports (status, id DESC);

-- A confirmed violation forfeits the member's pending commission: the rows stay (history), marked, and
-- settlement passes them by, so the money cannot leave pending a second time.
ALTER TABLE commissions ADD COLUMN forfeited_at timestamptz;
DROP INDEX commissions_due_idx;
CREATE INDEX commissions_due_idx ON commissions (settle_at, id) WHERE status = 'pending' AND forfeited_at IS NULL;
