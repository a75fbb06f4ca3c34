-- Alerts (issue 15): alert_rule holds one rule per health metric (lib/system/alerts.ts: the metric,
-- a comparison, a threshold and how long it must hold), alert_event its episodes: pending while the
-- condition holds for less than the rule's duration, firing after, then resolved when the metric
-- recovers (or cleared when it recovered before it fired). At most one open episode per rule. The
-- metrics are the installation's, so like backup_run the operator's admins (platform_admin) read
-- and edit rules; only the evaluation job's system context writes episodes. Partners, managers and
-- other organisations' admins see nothing. Nobody deletes: the history is kept.

-- migrate:up

CREATE TABLE alert_rule (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  metric           text NOT NULL UNIQUE CHECK (metric ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
  comparison       text NOT NULL CHECK (comparison IN ('above', 'below')),
  threshold        numeric(14, 3) NOT NULL,
  duration_seconds integer NOT NULL DEFAULT 0 CHECK (duration_seconds BETWEEN 0 AND 604800),
  enabled          boolean NOT NULL DEFAULT true,
  updated_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_by       uuid REFERENCES app_user (id)
);

CREATE TABLE alert_event (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id     uuid NOT NULL REFERENCES alert_rule (id),
  metric      text NOT NULL,
  state       text NOT NULL CHECK (state IN ('pending', 'firing', 'resolved', 'cleared')),
  -- The rule as it was when the episode began.
  comparison  text NOT NULL CHECK (comparison IN ('above', 'below')),
  threshold   numeric(14, 3) NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  fired_at    timestamptz,
  ended_at    timestamptz,
  -- The metric when the episode began, fired, and last seen.
  first_value numeric(18, 3),
  fired_value numeric(18, 3),
  last_value  numeric(18, 3),
  CONSTRAINT alert_event_fired_when_fired CHECK ((fired_at IS NOT NULL) = (state IN ('firing', 'resolved'))),
  CONSTRAINT alert_event_ended_when_ended CHECK ((ended_at IS NOT NULL) = (state IN ('resolved', 'cleared')))
);
-- One open episode per rule.
CREATE UNIQUE INDEX alert_event_open_idx ON alert_event (rule_id) WHERE state IN ('pending', 'firing');
CREATE INDEX alert_event_started_idx ON alert_event (started_at DESC);

-- The default rules, one per metric the health page shows (lib/system/alerts.ts names them).
INSERT INTO alert_rule (metric, comparison, threshold, duration_seconds) VALUES
  ('backup.age_hours', 'above', 26, 0),
  ('backup.drill_failed', 'above', 0, 0),
  ('database.latency_ms', 'above', 1000, 300),
  ('migrations.pending', 'above', 0, 0),
  ('jobs.lag_minutes', 'above', 60, 0),
  ('outbox.backlog', 'above', 500, 900),
  ('integrations.circuits_open', 'above', 0, 300),
  ('disk.backup_free_mb', 'below', 1024, 0);

ALTER TABLE alert_rule ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_rule FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_rule_select ON alert_rule FOR SELECT
  USING (app_has_role('platform_admin') OR app_has_role('system'));
CREATE POLICY alert_rule_insert ON alert_rule FOR INSERT
  WITH CHECK (app_has_role('system'));
CREATE POLICY alert_rule_update ON alert_rule FOR UPDATE
  USING (app_has_role('platform_admin'))
  WITH CHECK (app_has_role('platform_admin') AND (updated_by IS NULL OR updated_by = app_current_user_id()));

ALTER TABLE alert_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_event FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_event_select ON alert_event FOR SELECT
  USING (app_has_role('platform_admin') OR app_has_role('system'));
CREATE POLICY alert_event_insert ON alert_event FOR INSERT
  WITH CHECK (app_has_role('system'));
CREATE POLICY alert_event_update ON alert_event FOR UPDATE
  USING (app_has_role('system'))
  WITH CHECK (app_has_role('system'));

GRANT SELECT, INSERT, UPDATE ON alert_rule, alert_event TO freshplan_app;

-- migrate:down

DROP TABLE alert_event;
DROP TABLE alert_rule;
