-- Members' withdrawals to WeChat Pay change. The money itself moves in the ledger
-- (withdraw:{id}, withdraw:{id}:paid, withdraw:{id}:reversed); this row tracks the transfer.
CREATE TABLE withdrawals (
  id                bigserial PRIMARY KEY,
  member_id         bigint NOT NULL REFERENCES members(id),
  amount_fen        bigint NOT NULL CHECK (amount_fen > 0),
  fee_fen           bigint NOT NULL CHECK (fee_fen >= 0),
  net_fen           bigint NOT NULL CHECK (net_fen > 0),
  status            text NOT NULL CHECK (status IN ('review', 'submitting', 'wait_user_confirm', 'processing', 'succeeded', 'failed', 'cancelled', 'rejected')),
  transfer_bill_no  text,
  package_info      text,
  fail_reason       text,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK (fee_fen + net_fen = amount_fen)
);
-- A member's history (newest first) and the daily-limit count both start from the member.
CREATE INDEX withdrawals_member_idx ON withdrawals (member_id, id DESC);
-- The review queue and the submit job scan only the few rows not yet at WeChat.
CREATE INDEX withdrawals_open_idx ON withdrawals (status, id) WHERE status IN ('review', 'submitting');
