-- The double-entry ledger, the transactional outbox, sales with their lines and refunds, and commissions.

-- Member accounts keep a balance row, updated with the postings under the row lock the update takes;
-- the CHECK makes "never below zero" hold whatever the concurrency. Platform accounts do not update
-- their row (every sale would queue on it): their balance is SUM(postings).
CREATE TABLE ledger_accounts (
  id          bigserial PRIMARY KEY,
  member_id   bigint REFERENCES members(id),
  kind        text NOT NULL,
  balance     bigint NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL,
  UNIQUE (member_id, kind),
  CHECK (
    (member_id IS NULL AND kind IN ('commission_expense', 'payout_clearing', 'forfeiture_income', 'reward_expense', 'fee_income') AND balance = 0)
    OR (member_id IS NOT NULL AND kind IN ('pending', 'available', 'withdrawing') AND balance >= 0)
    OR (member_id IS NOT NULL AND kind = 'debt' AND balance <= 0)
  )
);
CREATE UNIQUE INDEX ledger_platform_account_kind ON ledger_accounts (kind) WHERE member_id IS NULL;
INSERT INTO ledger_accounts (member_id, kind, updated_at) VALUES
  (NULL, 'commission_expense', now()), (NULL, 'payout_clearing', now()), (NULL, 'forfeiture_income', now()),
  (NULL, 'reward_expense', now()), (NULL, 'fee_income', now());

-- One business event; immutable. The idempotency key makes a replay post nothing.
CREATE TABLE ledger_entries (
  id               bigserial PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  kind             text NOT NULL,
  member_id        bigint REFERENCES members(id),
  ref_type         text,
  ref_id           bigint,
  memo             text NOT NULL,
  created_at       timestamptz NOT NULL
);

CREATE TABLE ledger_postings (
  id          bigserial PRIMARY KEY,
  entry_id    bigint NOT NULL REFERENCES ledger_entries(id),
  account_id  bigint NOT NULL REFERENCES ledger_accounts(id),
  amount      bigint NOT NULL CHECK (amount <> 0),
  created_at  timestamptz NOT NULL
);
CREATE INDEX ledger_postings_account_idx ON ledger_postings (account_id, id DESC);
CREATE INDEX ledger_postings_entry_idx ON ledger_postings (entry_id);

-- Events written in the same transaction as the change they announce; a worker hands each to its handler.
CREATE TABLE outbox_events (
  id            bigserial PRIMARY KEY,
  type          text NOT NULL,
  member_id     bigint,
  payload       jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts      integer NOT NULL DEFAULT 0,
  available_at  timestamptz NOT NULL,
  last_error    text,
  created_at    timestamptz NOT NULL,
  processed_at  timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox_events (available_at, id) WHERE status = 'pending';

-- A sale is a clerk-recorded store sale or a mini-program order; one id space for both.
CREATE TABLE sales (
  id                 bigserial PRIMARY KEY,
  channel            text NOT NULL CHECK (channel IN ('store', 'online')),
  status             text NOT NULL CHECK (status IN ('created', 'paid', 'closed', 'partially_refunded', 'refunded', 'voided')),
  store_id           bigint REFERENCES stores(id),
  clerk_member_id    bigint REFERENCES members(id),
  buyer_user_id      bigint REFERENCES users(id),
  receipt_no         text,
  out_trade_no       text UNIQUE,
  transaction_id     text,
  total_fen          bigint NOT NULL CHECK (total_fen > 0),
  refunded_fen       bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= total_fen),
  attribution        jsonb,
  commission_done    boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL,
  paid_at            timestamptz,
  CHECK (channel <> 'store' OR (store_id IS NOT NULL AND receipt_no IS NOT NULL AND clerk_member_id IS NOT NULL))
);
CREATE UNIQUE INDEX sales_store_receipt ON sales (store_id, receipt_no) WHERE channel = 'store';
CREATE INDEX sales_clerk_idx ON sales (clerk_member_id, id DESC);
CREATE INDEX sales_buyer_idx ON sales (buyer_user_id, id DESC);

CREATE TABLE sale_lines (
  id              bigserial PRIMARY KEY,
  sale_id         bigint NOT NULL REFERENCES sales(id),
  sku_id          bigint NOT NULL REFERENCES skus(id),
  quantity        integer NOT NULL CHECK (quantity > 0),
  unit_price_fen  bigint NOT NULL CHECK (unit_price_fen > 0),
  amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
  refunded_qty    integer NOT NULL DEFAULT 0 CHECK (refunded_qty >= 0 AND refunded_qty <= quantity),
  refunded_fen    bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen)
);
CREATE INDEX sale_lines_sale_idx ON sale_lines (sale_id);

CREATE TABLE refunds (
  id             bigserial PRIMARY KEY,
  sale_id        bigint NOT NULL REFERENCES sales(id),
  out_refund_no  text NOT NULL UNIQUE,
  status         text NOT NULL CHECK (status IN ('requested', 'succeeded', 'failed')),
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  lines          jsonb NOT NULL,
  reason         text,
  actor_user_id  bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL,
  completed_at   timestamptz
);
CREATE INDEX refunds_sale_idx ON refunds (sale_id);

-- What each beneficiary earned on a sale, with the explanation shown to them.
CREATE TABLE commissions (
  id            bigserial PRIMARY KEY,
  sale_id       bigint NOT NULL REFERENCES sales(id),
  member_id     bigint NOT NULL REFERENCES members(id),
  tier          smallint NOT NULL CHECK (tier IN (1, 2)),
  amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
  reversed_fen  bigint NOT NULL DEFAULT 0 CHECK (reversed_fen >= 0 AND reversed_fen <= amount_fen),
  status        text NOT NULL CHECK (status IN ('pending', 'settled')),
  settle_at     timestamptz NOT NULL,
  settled_at    timestamptz,
  explanation   jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  UNIQUE (sale_id, member_id, tier)
);
CREATE INDEX commissions_due_idx ON commissions (settle_at, id) WHERE status = 'pending';
CREATE INDEX commissions_member_idx ON commissions (member_id, id DESC);

-- Every WeChat Pay notification we accepted, once: a retry of the same id changes nothing.
CREATE TABLE wechatpay_notifications (
  id           text PRIMARY KEY,
  event_type   text NOT NULL,
  resource     jsonb NOT NULL,
  received_at  timestamptz NOT NULL
);

-- The code a clerk scans to attribute a store sale to a buyer.
ALTER TABLE users ADD COLUMN customer_code text UNIQUE;
