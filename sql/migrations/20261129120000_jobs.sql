-- Scheduled jobs: job_run records every run of every job (lib/jobs/runner.ts), whoever started it
-- (cron, an operator, an event). It is not tenant data: the jobs work for the whole installation, so
-- the admins and auditors of any organisation may read the history, and only the job runner, which
-- works in a system context (roles = 'system', no organisation), may write it. Nobody deletes it.
-- Plus the narrow SECURITY DEFINER function the rate-limit cleanup job needs, because the app role
-- has no grant on rate_limit_bucket. (audit-chain-verify uses app_audit_verify() and
-- app_audit_chain_lengths(), granted by 20261129100000_audit_trail.sql.)

-- migrate:up

CREATE TABLE job_run (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_id      text NOT NULL CHECK (job_id ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
  trigger     text NOT NULL CHECK (trigger IN ('cron', 'manual', 'event')),
  started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  status      text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
  -- What the run did, e.g. {"deleted": 12} or {"checked": 340, "broken": 0}.
  counts      jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(counts) = 'object'),
  error       text,
  -- A run is finished exactly when it is no longer running, and not before it started.
  CONSTRAINT job_run_finished_when_done CHECK ((status = 'running') = (finished_at IS NULL)),
  CONSTRAINT job_run_finished_after_start CHECK (finished_at IS NULL OR finished_at >= started_at),
  CONSTRAINT job_run_error_only_when_failed CHECK (error IS NULL OR status = 'failed')
);
CREATE INDEX job_run_job_started_idx ON job_run (job_id, started_at DESC);
CREATE INDEX job_run_started_idx ON job_run (started_at DESC);

ALTER TABLE job_run ENABLE ROW LEVEL SECURITY;
ALTER TABLE job_run FORCE ROW LEVEL SECURITY;
CREATE POLICY job_run_read ON job_run FOR SELECT
  USING (app_has_role('admin') OR app_has_role('auditor') OR app_has_role('system'));
CREATE POLICY job_run_record ON job_run FOR INSERT
  WITH CHECK (app_has_role('system'));
CREATE POLICY job_run_finish ON job_run FOR UPDATE
  USING (app_has_role('system'))
  WITH CHECK (app_has_role('system'));

GRANT SELECT, INSERT, UPDATE ON job_run TO freshplan_app;

-- rate-limit-cleanup: deletes the buckets whose window started at least p_older_than_seconds ago
-- and returns how many. The caller passes at least the longest window any limiter uses, so only
-- buckets whose window has ended go (app_rate_limit_hit() would restart those anyway); a shorter
-- age would reset live limits, so it is refused. Only for the system context of the job runner.
CREATE FUNCTION app_rate_limit_cleanup(p_older_than_seconds integer) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    deleted integer;
  BEGIN
    IF NOT coalesce(app_has_role('system'), false) THEN
      RAISE EXCEPTION 'app_rate_limit_cleanup() runs only in the job runner''s system context'
        USING ERRCODE = '42501';
    END IF;
    IF p_older_than_seconds IS NULL OR p_older_than_seconds < 60 THEN
      RAISE EXCEPTION 'p_older_than_seconds must be at least 60, got %', p_older_than_seconds
        USING ERRCODE = '22023';
    END IF;
    DELETE FROM rate_limit_bucket
      WHERE window_start + make_interval(secs => p_older_than_seconds) <= clock_timestamp();
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
  END
  $$;

REVOKE ALL ON FUNCTION app_rate_limit_cleanup(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_rate_limit_cleanup(integer) TO freshplan_app;

-- migrate:down

DROP FUNCTION app_rate_limit_cleanup(integer);
DROP TABLE job_run;
