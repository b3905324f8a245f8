-- KOS content tasks, the proof KOS send for each post and its review, and the KOS' platform accounts.
-- Timestamps come from the application's clock.

CREATE TABLE content_tasks (
  id                  bigserial PRIMARY KEY,
  topic               text NOT NULL,
  hashtag             text NOT NULL,
  platform            text NOT NULL CHECK (platform IN ('douyin', 'xiaohongshu', 'channels', 'kuaishou')),
  due_at              timestamptz NOT NULL,
  target              integer NOT NULL CHECK (target > 0),
  -- The audience; NULL means no restriction on that axis. Tiers are a jsonb array of 'S'..'C'.
  audience_region_id  bigint REFERENCES regions(id),
  audience_store_id   bigint REFERENCES stores(id),
  audience_tiers      jsonb,
  created_by          bigint NOT NULL REFERENCES users(id),
  created_at          timestamptz NOT NULL
);
CREATE INDEX content_tasks_due_idx ON content_tasks (due_at DESC, id DESC);
CREATE INDEX content_tasks_store_idx ON content_tasks (audience_store_id) WHERE audience_store_id IS NOT NULL;

CREATE TABLE task_submissions (
  id             bigserial PRIMARY KEY,
  task_id        bigint NOT NULL REFERENCES content_tasks(id),
  member_id      bigint NOT NULL REFERENCES members(id),
  -- The KOS' store when they submitted: whose manager reviews it.
  store_id       bigint REFERENCES stores(id),
  url            text NOT NULL,
  note           text,
  metrics        jsonb,
  status         text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  review_reason  text,
  reviewed_by    bigint REFERENCES users(id),
  reviewed_at    timestamptz,
  created_at     timestamptz NOT NULL,
  -- The same post is proof once per task.
  UNIQUE (task_id, url)
);
CREATE INDEX task_submissions_status_idx ON task_submissions (status, id DESC);
CREATE INDEX task_submissions_member_idx ON task_submissions (member_id, task_id);

CREATE TABLE platform_accounts (
  id                bigserial PRIMARY KEY,
  member_id         bigint NOT NULL REFERENCES members(id),
  platform          text NOT NULL CHECK (platform IN ('douyin', 'xiaohongshu', 'channels', 'kuaishou')),
  handle            text NOT NULL,
  fans              bigint NOT NULL CHECK (fans >= 0),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  -- The later of the last update and the last approved post on this platform; quiet after 30 days.
  last_activity_at  timestamptz NOT NULL,
  UNIQUE (member_id, platform, handle)
);
CREATE INDEX platform_accounts_activity_idx ON platform_accounts (last_activity_at);
