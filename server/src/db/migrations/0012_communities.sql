-- Communities: WeChat groups a member owns or that serve the brand's customers, their join codes and who
-- joined through them, size reports, group-admin rights over customer groups (recorded and enforced
-- here: WeChat has no API to set group admins), the managers' checklist of changes to make by hand in
-- WeChat, and training groups with their phase, enrolments and courses. Timestamps come from the
-- application's clock.

CREATE TABLE community_groups (
  id                bigserial PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('own', 'customer')),
  name              text NOT NULL,
  -- The member the group belongs to; NULL for a brand customer group a manager registered.
  owner_member_id   bigint REFERENCES members(id),
  -- The owner's referral code, which the group carries (referral codes never change).
  referral_code     text,
  join_code         text NOT NULL UNIQUE,
  wecom_chat_id     text UNIQUE,
  size              integer NOT NULL DEFAULT 0 CHECK (size >= 0),
  size_source       text CHECK (size_source IN ('member', 'wecom')),
  size_reported_at  timestamptz,
  created_by        bigint NOT NULL REFERENCES users(id),
  created_at        timestamptz NOT NULL,
  CHECK (kind = 'customer' OR owner_member_id IS NOT NULL),
  CHECK (kind = 'customer' OR wecom_chat_id IS NULL)
);
CREATE INDEX community_groups_owner_idx ON community_groups (owner_member_id) WHERE owner_member_id IS NOT NULL;
CREATE INDEX community_groups_wecom_idx ON community_groups (size_reported_at NULLS FIRST, id) WHERE wecom_chat_id IS NOT NULL;

CREATE TABLE group_size_reports (
  id           bigserial PRIMARY KEY,
  group_id     bigint NOT NULL REFERENCES community_groups(id),
  size         integer NOT NULL CHECK (size >= 0),
  source       text NOT NULL CHECK (source IN ('member', 'wecom')),
  reported_by  bigint REFERENCES users(id),
  reported_at  timestamptz NOT NULL
);
CREATE INDEX group_size_reports_group_idx ON group_size_reports (group_id, id DESC);

-- Who joined through a group's code, and whom it bound them to (NULL: nobody, or the policy kept another).
CREATE TABLE group_joins (
  group_id         bigint NOT NULL REFERENCES community_groups(id),
  user_id          bigint NOT NULL REFERENCES users(id),
  joined_at        timestamptz NOT NULL,
  bound_member_id  bigint REFERENCES members(id),
  PRIMARY KEY (group_id, user_id)
);

CREATE TABLE group_admin_rights (
  id              bigserial PRIMARY KEY,
  group_id        bigint NOT NULL REFERENCES community_groups(id),
  member_id       bigint NOT NULL REFERENCES members(id),
  referral_code   text NOT NULL,
  scope           text NOT NULL CHECK (scope IN ('full', 'moderation')),
  required_level  smallint NOT NULL DEFAULT 3,
  granted_by      bigint NOT NULL REFERENCES users(id),
  granted_at      timestamptz NOT NULL,
  expires_at      timestamptz,
  revoked_at      timestamptz,
  revoked_by      bigint REFERENCES users(id),
  revoke_cause    text CHECK (revoke_cause IN ('manual', 'removal', 'violation', 'demotion', 'expiry')),
  revoke_reason   text,
  CHECK ((revoked_at IS NULL) = (revoke_cause IS NULL))
);
-- One holder per group at a time: an order through the group has exactly one seller of record.
CREATE UNIQUE INDEX group_admin_rights_active_idx ON group_admin_rights (group_id) WHERE revoked_at IS NULL;
CREATE INDEX group_admin_rights_member_idx ON group_admin_rights (member_id) WHERE revoked_at IS NULL;
CREATE INDEX group_admin_rights_expiry_idx ON group_admin_rights (expires_at, id) WHERE revoked_at IS NULL AND expires_at IS NOT NULL;
CREATE INDEX group_admin_rights_group_idx ON group_admin_rights (group_id, id DESC);

CREATE TABLE training_groups (
  id                bigserial PRIMARY KEY,
  brand             text NOT NULL,
  name_template     text NOT NULL,
  phase_labels      jsonb NOT NULL,
  phase             text NOT NULL CHECK (phase IN ('recruiting', 'training', 'in_session', 'closing', 'finished')),
  wecom_chat_id     text,
  created_by        bigint NOT NULL REFERENCES users(id),
  created_at        timestamptz NOT NULL,
  phase_changed_at  timestamptz NOT NULL
);

CREATE TABLE training_enrollments (
  training_group_id  bigint NOT NULL REFERENCES training_groups(id),
  member_id          bigint NOT NULL REFERENCES members(id),
  enrolled_by        bigint REFERENCES users(id),
  enrolled_at        timestamptz NOT NULL,
  PRIMARY KEY (training_group_id, member_id)
);
CREATE INDEX training_enrollments_member_idx ON training_enrollments (member_id);

CREATE TABLE courses (
  id                 bigserial PRIMARY KEY,
  training_group_id  bigint NOT NULL REFERENCES training_groups(id),
  title              text NOT NULL,
  created_at         timestamptz NOT NULL
);
CREATE INDEX courses_training_group_idx ON courses (training_group_id, id);

CREATE TABLE course_lessons (
  id         bigserial PRIMARY KEY,
  course_id  bigint NOT NULL REFERENCES courses(id),
  position   integer NOT NULL,
  title      text NOT NULL,
  UNIQUE (course_id, position)
);

CREATE TABLE lesson_completions (
  lesson_id     bigint NOT NULL REFERENCES course_lessons(id),
  member_id     bigint NOT NULL REFERENCES members(id),
  completed_at  timestamptz NOT NULL,
  PRIMARY KEY (lesson_id, member_id)
);

-- Finishing a course happens once per member: the row's insert is what publishes course.completed.
CREATE TABLE course_completions (
  course_id     bigint NOT NULL REFERENCES courses(id),
  member_id     bigint NOT NULL REFERENCES members(id),
  completed_at  timestamptz NOT NULL,
  PRIMARY KEY (course_id, member_id)
);

-- Changes a manager must make by hand in the WeChat client (WeChat has no API for them).
CREATE TABLE wechat_checklist (
  id                 bigserial PRIMARY KEY,
  assignee_user_id   bigint NOT NULL REFERENCES users(id),
  kind               text NOT NULL CHECK (kind IN ('add_admin', 'remove_admin', 'rename_group')),
  group_id           bigint REFERENCES community_groups(id),
  training_group_id  bigint REFERENCES training_groups(id),
  right_id           bigint REFERENCES group_admin_rights(id),
  member_id          bigint REFERENCES members(id),
  group_name         text NOT NULL,
  new_name           text,
  instruction        text NOT NULL,
  created_at         timestamptz NOT NULL,
  done_at            timestamptz,
  done_by            bigint REFERENCES users(id)
);
CREATE INDEX wechat_checklist_pending_idx ON wechat_checklist (assignee_user_id, id) WHERE done_at IS NULL;
-- A right is put on the list once to add and once to remove, however often a revocation is retried.
CREATE UNIQUE INDEX wechat_checklist_right_idx ON wechat_checklist (right_id, kind) WHERE right_id IS NOT NULL;

-- A mini-program order that came through a group: the group's admin is its seller of record.
ALTER TABLE sales ADD COLUMN group_id bigint REFERENCES community_groups(id);

-- Courses finished, a counter the reward rules and the level ladder can ask about.
ALTER TABLE member_counters ADD COLUMN courses_completed integer NOT NULL DEFAULT 0;
