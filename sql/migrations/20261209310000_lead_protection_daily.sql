-- Lead protection over time (issue 15, the System area's KPIs): mv_lead_protection_summary knows
-- only the moment of its last refresh, so the daily job keeps each organisation's counts of the day
-- (ACTIVE, GRACE, EXPIRED, due soon) here after it refreshes the summary; the KPI page draws the
-- 7/30/90-day trend from it. A day without a run has no row (the chart shows a gap, not a zero).

-- migrate:up

CREATE TABLE lead_protection_daily (
  org_id   uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  day      date NOT NULL,
  active   integer NOT NULL CHECK (active >= 0),
  grace    integer NOT NULL CHECK (grace >= 0),
  expired  integer NOT NULL CHECK (expired >= 0),
  due_soon integer NOT NULL CHECK (due_soon >= 0),
  -- The moment the counts were evaluated at (the summary's as_of).
  as_of    timestamptz NOT NULL,
  PRIMARY KEY (org_id, day)
);

ALTER TABLE lead_protection_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_protection_daily FORCE ROW LEVEL SECURITY;
-- Read as the summary is: managers, admins and auditors of the organisation (and the system).
CREATE POLICY lead_protection_daily_select ON lead_protection_daily FOR SELECT
  USING (org_id = app_current_org_id() AND (app_is_lead_manager() OR app_has_role('auditor')));
-- Written by the daily job only, in each organisation's system context.
CREATE POLICY lead_protection_daily_insert ON lead_protection_daily FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system'));
CREATE POLICY lead_protection_daily_update ON lead_protection_daily FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('system'))
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system'));

GRANT SELECT, INSERT ON lead_protection_daily TO freshplan_app;
GRANT UPDATE (active, grace, expired, due_soon, as_of) ON lead_protection_daily TO freshplan_app;

-- migrate:down

DROP TABLE lead_protection_daily;
