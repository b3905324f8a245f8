-- Images as proof of a post: a member uploads each (POST /uploads, the file under DATA_DIR/uploads/<name>),
-- then names them in a submission, which may then go without a link.

CREATE TABLE uploads (
  -- Random hex and the extension of the type the bytes showed; the file's name on disk.
  name           text PRIMARY KEY CHECK (name ~ '^[0-9a-f]{32}\.(png|jpg)$'),
  member_id      bigint NOT NULL REFERENCES members(id),
  content_type   text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
  size_bytes     integer NOT NULL CHECK (size_bytes > 0),
  created_at     timestamptz NOT NULL,
  -- The submission the image proves, set once: an image is proof of one post.
  submission_id  bigint REFERENCES task_submissions(id)
);
CREATE INDEX uploads_member_idx ON uploads (member_id, created_at);

ALTER TABLE task_submissions ALTER COLUMN url DROP NOT NULL;
-- In the order the KOS sent them; the uploads' names, served at /api/v1/uploads/<name>.
ALTER TABLE task_submissions ADD COLUMN image_names text[] NOT NULL DEFAULT '{}';
ALTER TABLE task_submissions ADD CONSTRAINT task_submissions_proof_check
  CHECK ((url IS NOT NULL OR cardinality(image_names) > 0) AND cardinality(image_names) <= 3);
