-- What the wechatpay.reconcile job looks for, oldest first: orders still waiting for their payment,
-- refunds for their outcome, payouts WeChat Pay holds a bill for. Partial: the rows that are done
-- (nearly all of them) stay out of these indexes.
CREATE INDEX sales_awaiting_payment_idx ON sales (created_at) WHERE channel = 'online' AND status = 'created';
CREATE INDEX refunds_awaiting_outcome_idx ON refunds (created_at) WHERE status = 'requested';
CREATE INDEX withdrawals_awaiting_outcome_idx ON withdrawals (updated_at) WHERE status IN ('wait_user_confirm', 'processing');
