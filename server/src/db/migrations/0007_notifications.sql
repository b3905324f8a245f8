-- Notifications: the in-app inbox, the one-time WeChat subscribe-message grants members give us,
-- and what was sent for each notification. Timestamps come from the application's clock.

CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users(id),
  kind        text NOT NULL CHECK (kind IN ('level_up', 'reward_granted', 'commission_settled', 'withdrawal_paid', 'generic')),
  title       text NOT NULL,
  body        text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- The event that caused it (e.g. commission.settled:42): a replayed event notifies once.
  -- NULL for notifications that need no such guard (NULLs never collide).
  dedupe_key  text UNIQUE,
  created_at  timestamptz NOT NULL,
  read_at     timestamptz
);
-- The inbox, newest first.
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
-- The unread filter and the badge count only touch unread rows.
CREATE INDEX notifications_unread_idx ON notifications (user_id, id DESC) WHERE read_at IS NULL;

-- Each "accept" in wx.requestSubscribeMessage allows one message of that template: a counter per kind.
CREATE TABLE message_subscriptions (
  user_id        bigint NOT NULL REFERENCES users(id),
  template_kind  text NOT NULL,
  remaining      integer NOT NULL CHECK (remaining >= 0),
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (user_id, template_kind)
);

-- At most one send per notification: the worker inserts this row before calling WeChat, so a
-- replayed event finds it and sends nothing.
CREATE TABLE message_sends (
  notification_id  bigint PRIMARY KEY REFERENCES notifications(id),
  status           text NOT NULL CHECK (status IN ('sent', 'skipped_no_subscription', 'failed')),
  errcode          integer,
  sent_at          timestamptz NOT NULL
);
