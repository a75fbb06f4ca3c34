-- The protection computation was written as SQL functions. Before PostgreSQL 18 a SQL function
-- that cannot be inlined (these are SECURITY DEFINER) plans its query again on every call: about
-- 1 ms per lead, most of a list page's time. The same queries in PL/pgSQL keep their plans for the
-- session. Only the language changes; a property test and the worked examples hold the numbers.

-- migrate:up

CREATE OR REPLACE FUNCTION app_lead_protection_config()
  RETURNS TABLE (base_months integer, progress_days integer, grace_days integer, mode text, warning_days integer)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  #variable_conflict use_column
  BEGIN
    RETURN QUERY
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
                  WHERE scope = 'global' AND key = 'lead.protection.warningDays'), 7);
  END
  $$;

CREATE OR REPLACE FUNCTION app_lead_paused(p_lead uuid, p_anchor timestamptz, p_now timestamptz) RETURNS interval
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    RETURN (
      SELECT make_interval(secs => coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0))
      FROM unnest((
        SELECT range_agg(tstzrange(greatest(h.start_at, p_anchor), least(coalesce(h.end_at, p_now), p_now), '[)'))
        FROM lead_hold h
        WHERE h.lead_id = p_lead
          AND greatest(h.start_at, p_anchor) < least(coalesce(h.end_at, p_now), p_now)
      )) AS r
    );
  END
  $$;

CREATE OR REPLACE FUNCTION app_lead_protection_of(p_lead uuid, p_now timestamptz)
  RETURNS TABLE (
    assignment_id uuid, owner_user_id uuid, assigned_at timestamptz, last_qual_activity_at timestamptz,
    last_progress_at timestamptz, extension_days integer, paused_since_assigned interval,
    paused_since_progress interval, base_until timestamptz, progress_until timestamptz,
    valid_until timestamptz, grace_until timestamptz, status text, due_soon boolean,
    reminder_due_at timestamptz, mode text, hold_open boolean
  )
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  #variable_conflict use_column
  BEGIN
    RETURN QUERY
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
      FROM valid v;
  END
  $$;

CREATE OR REPLACE FUNCTION app_is_collaborator(p_lead uuid, p_roles text[]) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    RETURN (
      SELECT EXISTS (
        SELECT 1 FROM lead_collaborator c
        WHERE c.lead_id = p_lead AND c.user_id = app_current_user_id() AND c.role = ANY (p_roles)
          AND c.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
      )
    );
  END
  $$;

-- The policies' per-row checks: app_can_read_lead has subqueries, so it is never inlined either.
-- (app_can_write_lead and app_can_log_activity are plain expressions, inlined: they stay SQL.)
CREATE OR REPLACE FUNCTION app_is_protected_owner(p_lead uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    RETURN (
      SELECT CASE
        WHEN NULLIF(current_setting('app.now', true), '') IS NULL THEN EXISTS (
          SELECT 1 FROM lead_assignment a
          WHERE a.lead_id = p_lead AND a.released_at IS NULL
            AND a.owner_user_id = app_current_user_id()
            AND a.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
            AND now() < a.expires_at
        )
        ELSE EXISTS (
          SELECT 1 FROM app_lead_protection_of(p_lead, app_now()) p
          WHERE p.owner_user_id = app_current_user_id() AND p.status <> 'EXPIRED'
        )
      END
    );
  END
  $$;

CREATE OR REPLACE FUNCTION app_can_read_lead(p_lead uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE
  AS $$
  BEGIN
    RETURN (
      SELECT app_is_lead_manager() OR app_has_role('auditor')
          OR CASE WHEN NULLIF(current_setting('app.now', true), '') IS NULL
                  THEN EXISTS (SELECT 1 FROM lead_assignment a
                               WHERE a.lead_id = p_lead AND a.released_at IS NULL
                                 AND a.owner_user_id = app_current_user_id() AND now() < a.expires_at)
                  ELSE app_is_protected_owner(p_lead) END
          OR app_is_collaborator(p_lead, ARRAY['VIEW', 'ASSIST', 'NEGOTIATE'])
    );
  END
  $$;

-- The lead's read policy tests the cheap cases inline, before any function call: the manager and
-- auditor roles (inlined SQL), then "the caller owns the current, unexpired assignment" as one
-- index probe. A partner's list checks a couple of thousand candidate rows; a function call per
-- row cost 40 µs there, the probe about 8. app_can_read_lead still decides the rest (collaborators,
-- and evaluations at another moment, app.now).
ALTER POLICY lead_read ON lead
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND (app_is_lead_manager() OR app_has_role('auditor')
              OR (NULLIF(current_setting('app.now', true), '') IS NULL
                  AND EXISTS (SELECT 1 FROM lead_assignment a
                              WHERE a.lead_id = lead.id AND a.released_at IS NULL
                                AND a.owner_user_id = app_current_user_id() AND now() < a.expires_at))
              OR app_can_read_lead(id)));

-- migrate:down

ALTER POLICY lead_read ON lead
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_read_lead(id));

CREATE OR REPLACE FUNCTION app_lead_protection_config()
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

CREATE OR REPLACE FUNCTION app_lead_paused(p_lead uuid, p_anchor timestamptz, p_now timestamptz) RETURNS interval
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

CREATE OR REPLACE FUNCTION app_lead_protection_of(p_lead uuid, p_now timestamptz)
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

CREATE OR REPLACE FUNCTION app_is_collaborator(p_lead uuid, p_roles text[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM lead_collaborator c
      WHERE c.lead_id = p_lead AND c.user_id = app_current_user_id() AND c.role = ANY (p_roles)
        AND c.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    )
  $$;

CREATE OR REPLACE FUNCTION app_is_protected_owner(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT CASE
      WHEN NULLIF(current_setting('app.now', true), '') IS NULL THEN EXISTS (
        SELECT 1 FROM lead_assignment a
        WHERE a.lead_id = p_lead AND a.released_at IS NULL
          AND a.owner_user_id = app_current_user_id()
          AND a.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
          AND now() < a.expires_at
      )
      ELSE EXISTS (
        SELECT 1 FROM app_lead_protection_of(p_lead, app_now()) p
        WHERE p.owner_user_id = app_current_user_id() AND p.status <> 'EXPIRED'
      )
    END
  $$;

CREATE OR REPLACE FUNCTION app_can_read_lead(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT app_is_lead_manager() OR app_has_role('auditor')
        OR CASE WHEN NULLIF(current_setting('app.now', true), '') IS NULL
                THEN EXISTS (SELECT 1 FROM lead_assignment a
                             WHERE a.lead_id = p_lead AND a.released_at IS NULL
                               AND a.owner_user_id = app_current_user_id() AND now() < a.expires_at)
                ELSE app_is_protected_owner(p_lead) END
        OR app_is_collaborator(p_lead, ARRAY['VIEW', 'ASSIST', 'NEGOTIATE'])
  $$;
