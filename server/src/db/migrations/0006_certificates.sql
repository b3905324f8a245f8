-- Certificates the reward engine issues: a PNG rendered on demand from this row, verified in public
-- at GET /api/v1/certificates/{serial}. The row keeps the name and wording as they were on the day of
-- issue, so a later nickname change never alters a certificate already handed out.
-- Timestamps come from the application's clock, never from now().

CREATE TABLE certificates (
  -- 'SC-' || year || '-' || 10 random base-32 characters (50 bits): the serial is the only key to a
  -- public page, so it must not be guessable or walkable the way an id would be.
  serial       text PRIMARY KEY CHECK (serial ~ '^SC-[0-9]{4}-[A-HJ-NP-Z2-9]{10}$'),
  member_id    bigint NOT NULL REFERENCES members(id),
  member_name  text NOT NULL,
  title        text NOT NULL,
  achievement  text NOT NULL,
  issued_at    timestamptz NOT NULL,
  -- The reward grant that issued it (reward_grants.id). One certificate per grant, so a replayed grant
  -- finds the certificate it already issued. No foreign key: certificates can also be issued by hand.
  grant_id     bigint,
  revoked_at   timestamptz
);
CREATE UNIQUE INDEX certificates_grant_idx ON certificates (grant_id) WHERE grant_id IS NOT NULL;
-- A member's own list, newest first.
CREATE INDEX certificates_member_idx ON certificates (member_id, issued_at DESC);
