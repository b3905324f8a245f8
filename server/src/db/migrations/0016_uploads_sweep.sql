-- What the uploads.sweep job looks for: images never made proof of a submission, oldest first.
CREATE INDEX uploads_unattached_idx ON uploads (created_at) WHERE submission_id IS NULL;
