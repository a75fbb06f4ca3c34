-- Backups and restore drills (issue 15): backup_run records every pg_dump of the app's database
-- (lib/system/backup.ts), backup_drill every restore of one into a scratch database and what its
-- checks found (lib/system/drill.ts). Like job_run they are the installation's, not an
-- organisation's: only the job runner's system context writes them, and only the operator's admins
-- (platform_admin) read them, since a backup holds every organisation's data. Nobody deletes a row:
-- retention deletes the file and stamps pruned_at, so the history stays.

-- migrate:up

CREATE TABLE backup_run (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trigger        text NOT NULL CHECK (trigger IN ('cron', 'manual', 'cli')),
  started_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at    timestamptz,
  status         text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  -- The dump's file name inside BACKUP_DIR (never a path: the directory is the instance's setting).
  file_name      text CHECK (file_name ~ '^[A-Za-z0-9._-]+$'),
  size_bytes     bigint CHECK (size_bytes >= 0),
  sha256         text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  server_version text,
  -- The migrations applied and the rows of every table at the dump's snapshot, for the drill.
  migrations     jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(migrations) = 'array'),
  row_counts     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(row_counts) = 'object'),
  error          text,
  -- When retention deleted the file.
  pruned_at      timestamptz,
  CONSTRAINT backup_run_finished_when_done CHECK ((status = 'running') = (finished_at IS NULL)),
  CONSTRAINT backup_run_finished_after_start CHECK (finished_at IS NULL OR finished_at >= started_at),
  CONSTRAINT backup_run_error_only_when_failed CHECK (error IS NULL OR status = 'failed'),
  CONSTRAINT backup_run_file_when_succeeded CHECK (
    status <> 'succeeded' OR (file_name IS NOT NULL AND size_bytes IS NOT NULL AND sha256 IS NOT NULL)),
  CONSTRAINT backup_run_pruned_only_succeeded CHECK (pruned_at IS NULL OR status = 'succeeded')
);
CREATE INDEX backup_run_started_idx ON backup_run (started_at DESC);

CREATE TABLE backup_drill (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  backup_id   uuid REFERENCES backup_run (id),
  trigger     text NOT NULL CHECK (trigger IN ('cron', 'manual', 'cli')),
  started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  status      text NOT NULL CHECK (status IN ('running', 'passed', 'failed')),
  -- RTO: seconds from the start of the restore to a verified database; RPO: the backup's age then.
  rto_seconds numeric(12, 3) CHECK (rto_seconds >= 0),
  rpo_seconds numeric(14, 3) CHECK (rpo_seconds >= 0),
  -- Each check and what it found: [{"check": "row_counts", "ok": false, "detail": "lead: 3 ≠ 4"}].
  checks      jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(checks) = 'array'),
  error       text,
  CONSTRAINT backup_drill_finished_when_done CHECK ((status = 'running') = (finished_at IS NULL)),
  CONSTRAINT backup_drill_finished_after_start CHECK (finished_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX backup_drill_started_idx ON backup_drill (started_at DESC);

ALTER TABLE backup_run ENABLE ROW LEVEL SECURITY;
ALTER TABLE backup_run FORCE ROW LEVEL SECURITY;
CREATE POLICY backup_run_select ON backup_run FOR SELECT
  USING (app_has_role('platform_admin') OR app_has_role('system'));
CREATE POLICY backup_run_insert ON backup_run FOR INSERT
  WITH CHECK (app_has_role('system'));
CREATE POLICY backup_run_update ON backup_run FOR UPDATE
  USING (app_has_role('system'))
  WITH CHECK (app_has_role('system'));

ALTER TABLE backup_drill ENABLE ROW LEVEL SECURITY;
ALTER TABLE backup_drill FORCE ROW LEVEL SECURITY;
CREATE POLICY backup_drill_select ON backup_drill FOR SELECT
  USING (app_has_role('platform_admin') OR app_has_role('system'));
CREATE POLICY backup_drill_insert ON backup_drill FOR INSERT
  WITH CHECK (app_has_role('system'));
CREATE POLICY backup_drill_update ON backup_drill FOR UPDATE
  USING (app_has_role('system'))
  WITH CHECK (app_has_role('system'));

GRANT SELECT, INSERT, UPDATE ON backup_run, backup_drill TO freshplan_app;

-- migrate:down

DROP TABLE backup_drill;
DROP TABLE backup_run;
