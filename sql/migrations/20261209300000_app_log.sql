-- Warnings and errors of the app, kept in PostgreSQL for the Logs page (issue 15, "Logs"): the
-- structured logger (lib/log) writes every warn and error line here as well as to stdout, batched
-- and in the background, already redacted (no tokens, secrets or e-mail addresses). Lines of the
-- same kind share a fingerprint: sha-1 of the message with its numbers, ids and quoted values
-- replaced, and the first frame of the app's code that logged it. Kept for the setting
-- system.logs.retention (default P30D); the job log-housekeeping deletes older rows.
--
-- A line belongs to the organisation its request or job worked for, or to none (sign-in, a job
-- over every organisation). Only the system context writes and deletes; an organisation's admins
-- and auditors read its lines; platform admins read every line, also those of no organisation.

-- migrate:up

CREATE TABLE app_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid REFERENCES organization (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  level text NOT NULL CHECK (level IN ('warn', 'error')),
  message text NOT NULL CHECK (length(message) <= 2000),
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{40}$'),
  location text CHECK (length(location) <= 500),
  route text CHECK (length(route) <= 300),
  request_id text CHECK (length(request_id) <= 64),
  user_id uuid,
  status integer CHECK (status BETWEEN 100 AND 999),
  duration_ms integer CHECK (duration_ms >= 0),
  context jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(context) = 'object' AND pg_column_size(context) <= 8192)
);

COMMENT ON TABLE app_log IS 'Warnings and errors of the app (lib/log), redacted; grouped by fingerprint; pruned by system.logs.retention.';

ALTER TABLE app_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_log FORCE ROW LEVEL SECURITY;

-- The logger writes in the system context without an organisation (one batch holds many
-- organisations' lines); inside an organisation's context only that organisation's lines.
CREATE POLICY app_log_insert ON app_log FOR INSERT WITH CHECK (
  app_has_role('system')
  AND (org_id IS NULL OR app_current_org_id() IS NULL OR org_id = app_current_org_id()));
CREATE POLICY app_log_select ON app_log FOR SELECT USING (
  app_has_role('system')
  OR (app_current_org_id() IS NOT NULL AND app_has_role('platform_admin'))
  OR (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('auditor'))));
CREATE POLICY app_log_delete ON app_log FOR DELETE USING (app_has_role('system'));

GRANT SELECT, INSERT, DELETE ON app_log TO freshplan_app;

-- The page's reads: newest first per organisation, the groups by fingerprint, the prune by age.
CREATE INDEX app_log_org_at_idx ON app_log (org_id, at DESC);
CREATE INDEX app_log_fingerprint_idx ON app_log (fingerprint, at DESC);
CREATE INDEX app_log_at_idx ON app_log (at);

-- migrate:down

DROP TABLE app_log;
