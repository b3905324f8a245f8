-- Runs of the scheduled jobs. Timestamps come from the application's clock.
--
-- A periodic job (monthly re-evaluation, assessments ...) has one row per period, claimed before the
-- work starts: the unique (job, period_key) makes a period run once however many processes try, and the
-- row keeps its attempts, outcome and last error for HQ. A continuous job (outbox, settlement ...) has a
-- single row under period_key 'continuous' with its last run and last error.
CREATE TABLE job_runs (
  id            bigserial PRIMARY KEY,
  job           text NOT NULL,
  period_key    text NOT NULL,
  status        text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  -- Periodic: attempts so far, also the claim's token (an owner whose run was retaken cannot record over it).
  -- Continuous: failures in a row, 0 after a success.
  attempts      integer NOT NULL CHECK (attempts >= 0),
  started_at    timestamptz NOT NULL,
  -- Moved forward while a periodic run goes on: a 'running' row whose heartbeat is old was left by a
  -- process that died, and another may take the period over.
  heartbeat_at  timestamptz NOT NULL,
  finished_at   timestamptz,
  result        jsonb,
  -- The last error, kept after a later success so HQ can still see what went wrong and when.
  error         text,
  error_at      timestamptz,
  UNIQUE (job, period_key)
);
