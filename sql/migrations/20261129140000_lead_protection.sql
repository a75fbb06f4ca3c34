-- Leads and their protection under the commercial agent contract (its lead-protection rules).
-- The computation lives here, in one function, so the view, the row-level security policies, the
-- daily job and the API all read the same numbers. All arithmetic is in UTC: a day is 86 400
-- seconds, a month a calendar month added to the UTC date with the time of day kept.

-- migrate:up

-- "Now" for protection arithmetic: the transaction's clock, or app.now when a test or a what-if
-- evaluation sets it (set_config('app.now', …, true)).
CREATE FUNCTION app_now() RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(NULLIF(current_setting('app.now', true), '')::timestamptz, now()) $$;

-- The duplicate check's normal form of a company name or city: lower case, umlauts spelled out,
-- legal forms and everything but letters and digits removed ("Müller GmbH & Co. KG" → "mueller").
CREATE FUNCTION app_name_key(p_name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT regexp_replace(
      regexp_replace(
        translate(replace(replace(replace(replace(lower(p_name), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
                  'àáâèéêìíîòóôùúûç', 'aaaeeeiiiooouuuc'),
        '\m(gmbh|mbh|ag|kg|ohg|ug|haftungsbeschraenkt|e\.?\s?k|e\.?\s?v|co|kgaa|se|gbr|ltd|inc)\M', '', 'g'),
      '[^a-z0-9]', '', 'g')
  $$;

CREATE TABLE lead (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  company_name    text NOT NULL CHECK (length(btrim(company_name)) BETWEEN 1 AND 200),
  city            text NOT NULL CHECK (length(btrim(city)) BETWEEN 1 AND 100),
  industry        text CHECK (industry IS NULL OR length(industry) <= 100),
  -- Progressive profiling: 0 company and city only, 1 with a contact, 2 with VAT id and volume.
  stage           smallint NOT NULL DEFAULT 0 CHECK (stage BETWEEN 0 AND 2),
  contact_first_name text,
  contact_last_name  text,
  contact_email   text CHECK (contact_email IS NULL OR contact_email = lower(btrim(contact_email))),
  contact_phone   text,
  vat_id          text,
  expected_volume numeric(14, 2) CHECK (expected_volume IS NULL OR expected_volume >= 0),
  -- For the duplicate check: lower case, legal forms and punctuation removed (app_company_key).
  company_key     text NOT NULL GENERATED ALWAYS AS (app_name_key(company_name)) STORED,
  city_key        text NOT NULL GENERATED ALWAYS AS (app_name_key(city)) STORED,
  pseudonymised_at timestamptz,
  created_by      uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_org_idx ON lead (org_id, created_at DESC);
CREATE INDEX lead_duplicate_idx ON lead (org_id, city_key, company_key);
CREATE INDEX lead_email_idx ON lead (org_id, contact_email) WHERE contact_email IS NOT NULL;

-- Who holds the lead. One current assignment (released_at IS NULL) per lead.
CREATE TABLE lead_assignment (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id        uuid NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
  owner_user_id  uuid NOT NULL REFERENCES app_user (id),
  assigned_at    timestamptz NOT NULL,
  released_at    timestamptz,
  release_reason text CHECK (release_reason IN ('EXPIRED', 'REASSIGNED', 'MANUAL')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((released_at IS NULL) = (release_reason IS NULL))
);
CREATE UNIQUE INDEX lead_assignment_current_idx ON lead_assignment (lead_id) WHERE released_at IS NULL;
CREATE INDEX lead_assignment_owner_idx ON lead_assignment (org_id, owner_user_id) WHERE released_at IS NULL;

CREATE TABLE lead_activity (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id    uuid NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('QUALIFIED_CALL', 'CUSTOMER_REACTION', 'SCHEDULED_FOLLOWUP',
                                           'SAMPLE_FEEDBACK', 'ROI_PRESENTATION', 'NOTE', 'EMAIL_SENT')),
  at         timestamptz NOT NULL,
  note       text CHECK (note IS NULL OR length(note) <= 4000),
  created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_activity_lead_idx ON lead_activity (lead_id, at DESC);

-- Stop-the-clock intervals [start_at, end_at); end_at NULL while open.
CREATE TABLE lead_hold (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id    uuid NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
  reason     text NOT NULL CHECK (reason IN ('FFZ_PRICE_APPROVAL', 'FFZ_SAMPLE_DELAY', 'FFZ_SUPPLY_ISSUE',
                                             'CUSTOMER_BLOCKED', 'OTHER')),
  start_at   timestamptz NOT NULL,
  end_at     timestamptz,
  note       text CHECK (note IS NULL OR length(note) <= 2000),
  created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_at IS NULL OR end_at > start_at)
);
CREATE INDEX lead_hold_lead_idx ON lead_hold (lead_id, start_at);

-- §2(8)(e): the owner asks for N more days; a manager or admin decides.
CREATE TABLE lead_extension_request (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id          uuid NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
  assignment_id    uuid NOT NULL REFERENCES lead_assignment (id) ON DELETE CASCADE,
  days             integer NOT NULL CHECK (days BETWEEN 1 AND 365),
  reason           text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
  status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'DENIED')),
  requested_by     uuid REFERENCES app_user (id) ON DELETE SET NULL,
  requested_at     timestamptz NOT NULL DEFAULT now(),
  decided_by       uuid REFERENCES app_user (id) ON DELETE SET NULL,
  decided_at       timestamptz,
  decision_comment text,
  escalated_at     timestamptz,
  CHECK ((status = 'PENDING') = (decided_at IS NULL))
);
CREATE INDEX lead_extension_pending_idx ON lead_extension_request (org_id, requested_at) WHERE status = 'PENDING';
CREATE INDEX lead_extension_assignment_idx ON lead_extension_request (assignment_id) WHERE status = 'APPROVED';

-- §87 HGB: collaborators, each with a role and an optional commission share.
CREATE TABLE lead_collaborator (
  org_id        uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id       uuid NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role          text NOT NULL CHECK (role IN ('VIEW', 'ASSIST', 'NEGOTIATE')),
  share_percent numeric(5, 2) CHECK (share_percent IS NULL OR share_percent > 0 AND share_percent <= 100),
  added_by      uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (lead_id, user_id)
);
CREATE INDEX lead_collaborator_user_idx ON lead_collaborator (org_id, user_id);

-- Reminders that went out: at most one per assignment, type and due moment.
CREATE TABLE lead_reminder (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  assignment_id uuid NOT NULL REFERENCES lead_assignment (id) ON DELETE CASCADE,
  type          text NOT NULL CHECK (type IN ('REMINDER_60D', 'GRACE_EXPIRY')),
  due_at        timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (assignment_id, type, due_at)
);

-- The computation ---------------------------------------------------------------------------

CREATE FUNCTION app_days(p_days numeric) RETURNS interval
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT make_interval(secs => p_days * 86400) $$;

-- The settings the computation reads, from the global scope of the settings registry, falling
-- back to the registry's defaults (lib/settings/registry.ts; a test keeps both equal).
CREATE FUNCTION app_lead_protection_config()
  RETURNS TABLE (base_months integer, progress_days integer, grace_days integer, mode text, warning_days integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT
      coalesce((SELECT (value #>> '{}')::integer FROM setting_value
                WHERE scope = 'global' AND key = 'lead.protection.baseMonths'), 6),
      coalesce((SELECT (value #>> '{}')::integer FROM setting_value
                WHERE scope = 'global' AND key = 'lead.protection.progressDays'), 60),
      coalesce((SELECT (value #>> '{}')::integer FROM setting_value
                WHERE scope = 'global' AND key = 'lead.protection.graceDays'), 10),
      coalesce((SELECT value #>> '{}' FROM setting_value
                WHERE scope = 'global' AND key = 'lead.protection.mode'), 'GREATEST'),
      coalesce((SELECT (value #>> '{}')::integer FROM setting_value
                WHERE scope = 'global' AND key = 'lead.protection.warningDays'), 7)
  $$;

-- paused(anchor): the length of the union of the lead's holds, each clipped to [anchor, now];
-- open holds run until now, overlapping holds count once.
CREATE FUNCTION app_lead_paused(p_lead uuid, p_anchor timestamptz, p_now timestamptz) RETURNS interval
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT make_interval(secs => coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0))
    FROM unnest((
      SELECT range_agg(tstzrange(greatest(h.start_at, p_anchor), least(coalesce(h.end_at, p_now), p_now), '[)'))
      FROM lead_hold h
      WHERE h.lead_id = p_lead
        AND greatest(h.start_at, p_anchor) < least(coalesce(h.end_at, p_now), p_now)
    )) AS r
  $$;

-- The protection of a lead's current assignment at p_now, in the caller's organisation only.
-- SECURITY DEFINER so that every reader gets the same numbers from all of the lead's activities
-- and holds, whatever their own row-level access, and so RLS policies can call it without
-- recursion; the org_id guard keeps it from answering about another organisation's leads.
CREATE FUNCTION app_lead_protection_of(p_lead uuid, p_now timestamptz)
  RETURNS TABLE (
    assignment_id uuid, owner_user_id uuid, assigned_at timestamptz, last_qual_activity_at timestamptz,
    last_progress_at timestamptz, extension_days integer, paused_since_assigned interval,
    paused_since_progress interval, base_until timestamptz, progress_until timestamptz,
    valid_until timestamptz, grace_until timestamptz, status text, due_soon boolean,
    reminder_due_at timestamptz, mode text, hold_open boolean
  )
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH cfg AS (SELECT * FROM app_lead_protection_config()),
    a AS (
      SELECT a.id, a.owner_user_id, a.assigned_at
      FROM lead_assignment a JOIN lead l ON l.id = a.lead_id
      WHERE a.lead_id = p_lead AND a.released_at IS NULL
        AND l.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    ),
    facts AS MATERIALIZED (
      SELECT a.*,
        (SELECT max(act.at) FROM lead_activity act
          WHERE act.lead_id = p_lead
            AND act.kind IN ('QUALIFIED_CALL', 'CUSTOMER_REACTION', 'SCHEDULED_FOLLOWUP',
                             'SAMPLE_FEEDBACK', 'ROI_PRESENTATION')
            AND act.at >= a.assigned_at AND act.at <= p_now) AS last_qual,
        (SELECT coalesce(sum(r.days), 0)::integer FROM lead_extension_request r
          WHERE r.assignment_id = a.id AND r.status = 'APPROVED') AS ext_days,
        EXISTS (SELECT 1 FROM lead_hold h
          WHERE h.lead_id = p_lead AND h.start_at <= p_now AND (h.end_at IS NULL OR h.end_at > p_now)) AS hold_open
      FROM a
    ),
    -- MATERIALIZED: each step is computed once; inlined, the planner would copy every expression
    -- into each use of it downstream, and planning time would explode.
    paused AS MATERIALIZED (
      SELECT f.*, coalesce(f.last_qual, f.assigned_at) AS last_progress,
        app_lead_paused(p_lead, f.assigned_at, p_now) AS paused_a,
        app_lead_paused(p_lead, coalesce(f.last_qual, f.assigned_at), p_now) AS paused_p
      FROM facts f
    ),
    deadlines AS MATERIALIZED (
      SELECT p.*, cfg.*,
        ((p.assigned_at AT TIME ZONE 'UTC') + make_interval(months => cfg.base_months)) AT TIME ZONE 'UTC'
          + app_days(p.ext_days) + p.paused_a AS base_until,
        p.last_progress + app_days(cfg.progress_days) + p.paused_p AS progress_until
      FROM paused p, cfg
    ),
    valid AS MATERIALIZED (
      SELECT d.*,
        CASE WHEN d.mode = 'LEAST' THEN least(d.base_until, d.progress_until)
             ELSE greatest(d.base_until, d.progress_until) END AS valid_until
      FROM deadlines d
    )
    SELECT v.id, v.owner_user_id, v.assigned_at, v.last_qual, v.last_progress, v.ext_days,
      v.paused_a, v.paused_p, v.base_until, v.progress_until, v.valid_until,
      v.valid_until + app_days(v.grace_days),
      CASE WHEN p_now < v.valid_until THEN 'ACTIVE'
           WHEN p_now < v.valid_until + app_days(v.grace_days) THEN 'GRACE'
           ELSE 'EXPIRED' END,
      p_now < v.valid_until AND v.valid_until - p_now <= app_days(v.warning_days),
      CASE WHEN v.progress_until > p_now THEN least(v.progress_until, v.valid_until)
           WHEN v.valid_until > p_now THEN v.valid_until END,
      v.mode, v.hold_open
    FROM valid v
  $$;

CREATE VIEW v_lead_protection WITH (security_invoker = true) AS
  SELECT l.id AS lead_id, l.org_id, p.*
  FROM lead l CROSS JOIN LATERAL app_lead_protection_of(l.id, app_now()) p;

-- Access helpers for the policies (spec, "Access"). SECURITY DEFINER: they look at assignments and
-- collaborators without those tables' own policies, which would otherwise recurse.
CREATE FUNCTION app_is_lead_manager() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT app_has_role('manager') OR app_has_role('admin') OR app_has_role('system') $$;

-- The caller owns the lead's current assignment and it is ACTIVE or GRACE.
CREATE FUNCTION app_is_protected_owner(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM app_lead_protection_of(p_lead, app_now()) p
      WHERE p.owner_user_id = app_current_user_id() AND p.status <> 'EXPIRED'
    )
  $$;

-- The caller collaborates on the lead with one of the given roles.
CREATE FUNCTION app_is_collaborator(p_lead uuid, p_roles text[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM lead_collaborator c
      WHERE c.lead_id = p_lead AND c.user_id = app_current_user_id() AND c.role = ANY (p_roles)
        AND c.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    )
  $$;

CREATE FUNCTION app_can_read_lead(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT app_is_lead_manager() OR app_has_role('auditor')
        OR app_is_protected_owner(p_lead)
        OR app_is_collaborator(p_lead, ARRAY['VIEW', 'ASSIST', 'NEGOTIATE'])
  $$;

-- Write the lead, its holds: the protected owner, managers.
CREATE FUNCTION app_can_write_lead(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT app_is_lead_manager() OR app_is_protected_owner(p_lead) $$;

-- Log activities: additionally collaborators with ASSIST or NEGOTIATE.
CREATE FUNCTION app_can_log_activity(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT app_can_write_lead(p_lead) OR app_is_collaborator(p_lead, ARRAY['ASSIST', 'NEGOTIATE']) $$;

-- Row-level security ---------------------------------------------------------------------------

ALTER TABLE lead ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_read ON lead FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_read_lead(id));
-- Any member but an auditor registers leads in their organisation.
CREATE POLICY lead_create ON lead FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND NOT app_has_role('auditor')
              AND (app_has_role('sales') OR app_is_lead_manager()));
CREATE POLICY lead_update ON lead FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(id))
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE lead_assignment ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_assignment FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_assignment_read ON lead_assignment FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND (app_can_read_lead(lead_id) OR owner_user_id = app_current_user_id()));
-- The first assignment comes with the registration (the registering partner or a manager);
-- reassignment, release and backdating are for managers.
CREATE POLICY lead_assignment_create ON lead_assignment FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND (app_is_lead_manager() OR owner_user_id = app_current_user_id()));
CREATE POLICY lead_assignment_update ON lead_assignment FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_is_lead_manager())
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE lead_activity ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_activity FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_activity_read ON lead_activity FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_read_lead(lead_id));
CREATE POLICY lead_activity_create ON lead_activity FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_log_activity(lead_id));

ALTER TABLE lead_hold ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_hold FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_hold_read ON lead_hold FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_read_lead(lead_id));
CREATE POLICY lead_hold_create ON lead_hold FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id));
CREATE POLICY lead_hold_update ON lead_hold FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id))
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE lead_extension_request ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_extension_request FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_extension_read ON lead_extension_request FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_read_lead(lead_id));
CREATE POLICY lead_extension_create ON lead_extension_request FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id));
CREATE POLICY lead_extension_decide ON lead_extension_request FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_is_lead_manager())
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE lead_collaborator ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_collaborator FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_collaborator_read ON lead_collaborator FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_read_lead(lead_id));
CREATE POLICY lead_collaborator_write ON lead_collaborator FOR ALL
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id))
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id));

ALTER TABLE lead_reminder ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_reminder FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_reminder_read ON lead_reminder FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_is_lead_manager());
CREATE POLICY lead_reminder_create ON lead_reminder FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_has_role('system'));

GRANT SELECT, INSERT, UPDATE ON lead, lead_assignment, lead_hold, lead_extension_request TO freshplan_app;
GRANT SELECT, INSERT ON lead_activity, lead_reminder TO freshplan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON lead_collaborator TO freshplan_app;
GRANT SELECT ON v_lead_protection TO freshplan_app;

REVOKE ALL ON FUNCTION app_lead_protection_config(), app_lead_paused(uuid, timestamptz, timestamptz),
  app_lead_protection_of(uuid, timestamptz), app_is_protected_owner(uuid),
  app_is_collaborator(uuid, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_lead_protection_config(), app_lead_paused(uuid, timestamptz, timestamptz),
  app_lead_protection_of(uuid, timestamptz), app_is_protected_owner(uuid),
  app_is_collaborator(uuid, text[]) TO freshplan_app;

-- migrate:down

DROP VIEW v_lead_protection;
DROP TABLE lead_reminder, lead_collaborator, lead_extension_request, lead_hold, lead_activity,
  lead_assignment, lead CASCADE;
DROP FUNCTION app_can_log_activity(uuid);
DROP FUNCTION app_can_write_lead(uuid);
DROP FUNCTION app_can_read_lead(uuid);
DROP FUNCTION app_is_collaborator(uuid, text[]);
DROP FUNCTION app_is_protected_owner(uuid);
DROP FUNCTION app_is_lead_manager();
DROP FUNCTION app_lead_protection_of(uuid, timestamptz);
DROP FUNCTION app_lead_paused(uuid, timestamptz, timestamptz);
DROP FUNCTION app_lead_protection_config();
DROP FUNCTION app_days(numeric);
DROP FUNCTION app_now();
DROP FUNCTION app_name_key(text);
