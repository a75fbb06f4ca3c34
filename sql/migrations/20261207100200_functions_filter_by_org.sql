-- The protection functions are SECURITY DEFINER: they run as the owner, past row-level security.
-- They found a lead's activities, holds and extensions by lead_id alone, so a row of another
-- organisation hanging from the lead (the hole 20261207100000 closed) counted in this one's
-- deadlines: B's ten-year hold on A's lead moved A's clock. Every look-up by lead or assignment
-- now also names the organisation, so one organisation's context never sums another's rows, even
-- if such a row existed. The lookups' indexes lead with lead_id; the organisation is a recheck.

-- migrate:up

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
          AND h.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
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
        SELECT a.id, a.org_id, a.owner_user_id, a.assigned_at
        FROM lead_assignment a JOIN lead l ON l.org_id = a.org_id AND l.id = a.lead_id
        WHERE a.lead_id = p_lead AND a.released_at IS NULL
          AND l.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
      ),
      facts AS MATERIALIZED (
        SELECT a.*,
          (SELECT max(act.at) FROM lead_activity act
            WHERE act.lead_id = p_lead AND act.org_id = a.org_id
              AND act.kind IN ('QUALIFIED_CALL', 'CUSTOMER_REACTION', 'SCHEDULED_FOLLOWUP',
                               'SAMPLE_FEEDBACK', 'ROI_PRESENTATION')
              AND act.at >= a.assigned_at AND act.at <= p_now) AS last_qual,
          (SELECT coalesce(sum(r.days), 0)::integer FROM lead_extension_request r
            WHERE r.assignment_id = a.id AND r.org_id = a.org_id AND r.status = 'APPROVED') AS ext_days,
          EXISTS (SELECT 1 FROM lead_hold h
            WHERE h.lead_id = p_lead AND h.org_id = a.org_id
              AND h.start_at <= p_now AND (h.end_at IS NULL OR h.end_at > p_now)) AS hold_open
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

CREATE OR REPLACE FUNCTION app_lead_due_moments_of(p_lead uuid, p_now timestamptz)
  RETURNS TABLE (progress_due_at timestamptz, grace_due_at timestamptz, expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH holds AS (
      SELECT range_agg(tstzrange(greatest(h.start_at, p_now), coalesce(h.end_at, 'infinity'), '[)')) AS spans
      FROM lead_hold h
      WHERE h.lead_id = p_lead
        AND h.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
        AND coalesce(h.end_at, 'infinity') > p_now
    )
    SELECT app_clock_moment(p.progress_until, p_now, holds.spans),
           app_clock_moment(p.valid_until, p_now, holds.spans),
           app_clock_moment(p.grace_until, p_now, holds.spans)
    FROM app_lead_protection_of(p_lead, p_now) p, holds
  $$;

-- The organisation comes from the lead itself (triggers fire for jobs and operators alike), and
-- only that organisation's assignment is updated.
CREATE OR REPLACE FUNCTION app_lead_refresh_expiry(p_lead uuid) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_org uuid;
    v_saved text := current_setting('app.org_id', true);
  BEGIN
    SELECT org_id INTO v_org FROM lead WHERE id = p_lead;
    IF v_org IS NULL THEN
      RETURN;
    END IF;
    PERFORM set_config('app.org_id', v_org::text, true);
    UPDATE lead_assignment a
      SET progress_due_at = m.progress_due_at, grace_due_at = m.grace_due_at, expires_at = m.expires_at
      FROM (SELECT * FROM app_lead_due_moments_of(p_lead, now())) m
      WHERE a.org_id = v_org AND a.lead_id = p_lead AND a.released_at IS NULL;
    PERFORM set_config('app.org_id', coalesce(v_saved, ''), true);
  END
  $$;

CREATE OR REPLACE FUNCTION app_lead_protection_counts_cached(p_now timestamptz)
  RETURNS TABLE (org_id uuid, owner_user_id uuid, status text, due_soon boolean, leads integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET app.org_id = ''
  AS $$
  #variable_conflict use_column
  DECLARE
    v_org uuid;
    v_warning interval := (SELECT app_days(c.warning_days) FROM app_lead_protection_config() c);
  BEGIN
    FOR v_org IN SELECT o.id FROM organization o ORDER BY o.id LOOP
      PERFORM set_config('app.org_id', v_org::text, true);
      RETURN QUERY
        WITH cur AS MATERIALIZED (
          SELECT a.lead_id, a.owner_user_id, a.grace_due_at, a.expires_at,
                 EXISTS (SELECT 1 FROM lead_hold h
                         WHERE h.lead_id = a.lead_id AND h.org_id = v_org
                           AND coalesce(h.end_at, 'infinity') > p_now) AS clock_may_stop
          FROM lead_assignment a
          WHERE a.org_id = v_org AND a.released_at IS NULL
        ),
        classified AS (
          SELECT c.owner_user_id,
                 CASE WHEN p_now >= c.expires_at THEN 'EXPIRED'
                      WHEN p_now >= c.grace_due_at THEN 'GRACE'
                      ELSE 'ACTIVE' END AS status,
                 coalesce(p_now < c.grace_due_at AND c.grace_due_at - p_now <= v_warning, false) AS due_soon
          FROM cur c WHERE NOT c.clock_may_stop
          UNION ALL
          SELECT p.owner_user_id, p.status, p.due_soon
          FROM cur c CROSS JOIN LATERAL app_lead_protection_of(c.lead_id, p_now) p
          WHERE c.clock_may_stop
        )
        SELECT v_org, k.owner_user_id, k.status, k.due_soon, count(*)::integer
        FROM classified k
        GROUP BY k.owner_user_id, k.status, k.due_soon;
    END LOOP;
  END
  $$;

-- Not SECURITY DEFINER (row-level security applies to its reads), but it is the policies' own
-- check: it names the organisation as well, rather than trusting whoever calls it.
CREATE OR REPLACE FUNCTION app_can_read_lead(p_lead uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE
  AS $$
  BEGIN
    RETURN (
      SELECT app_is_lead_manager() OR app_has_role('auditor')
          OR CASE WHEN NULLIF(current_setting('app.now', true), '') IS NULL
                  THEN EXISTS (SELECT 1 FROM lead_assignment a
                               WHERE a.lead_id = p_lead AND a.released_at IS NULL
                                 AND a.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
                                 AND a.owner_user_id = app_current_user_id() AND now() < a.expires_at)
                  ELSE app_is_protected_owner(p_lead) END
          OR app_is_collaborator(p_lead, ARRAY['VIEW', 'ASSIST', 'NEGOTIATE'])
    );
  END
  $$;

CREATE OR REPLACE FUNCTION app_lead_assignment_created_at() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    NEW.lead_created_at := (SELECT l.created_at FROM lead l WHERE l.org_id = NEW.org_id AND l.id = NEW.lead_id);
    RETURN NEW;
  END
  $$;

CREATE OR REPLACE FUNCTION app_lead_created_at_sync() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    UPDATE lead_assignment SET lead_created_at = NEW.created_at WHERE org_id = NEW.org_id AND lead_id = NEW.id;
    RETURN NULL;
  END
  $$;

-- migrate:down

CREATE OR REPLACE FUNCTION app_lead_created_at_sync() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    UPDATE lead_assignment SET lead_created_at = NEW.created_at WHERE lead_id = NEW.id;
    RETURN NULL;
  END
  $$;

CREATE OR REPLACE FUNCTION app_lead_assignment_created_at() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    NEW.lead_created_at := (SELECT l.created_at FROM lead l WHERE l.id = NEW.lead_id);
    RETURN NEW;
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

CREATE OR REPLACE FUNCTION app_lead_protection_counts_cached(p_now timestamptz)
  RETURNS TABLE (org_id uuid, owner_user_id uuid, status text, due_soon boolean, leads integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET app.org_id = ''
  AS $$
  #variable_conflict use_column
  DECLARE
    v_org uuid;
    v_warning interval := (SELECT app_days(c.warning_days) FROM app_lead_protection_config() c);
  BEGIN
    FOR v_org IN SELECT o.id FROM organization o ORDER BY o.id LOOP
      PERFORM set_config('app.org_id', v_org::text, true);
      RETURN QUERY
        WITH cur AS MATERIALIZED (
          SELECT a.lead_id, a.owner_user_id, a.grace_due_at, a.expires_at,
                 EXISTS (SELECT 1 FROM lead_hold h
                         WHERE h.lead_id = a.lead_id AND coalesce(h.end_at, 'infinity') > p_now) AS clock_may_stop
          FROM lead_assignment a
          WHERE a.org_id = v_org AND a.released_at IS NULL
        ),
        classified AS (
          SELECT c.owner_user_id,
                 CASE WHEN p_now >= c.expires_at THEN 'EXPIRED'
                      WHEN p_now >= c.grace_due_at THEN 'GRACE'
                      ELSE 'ACTIVE' END AS status,
                 coalesce(p_now < c.grace_due_at AND c.grace_due_at - p_now <= v_warning, false) AS due_soon
          FROM cur c WHERE NOT c.clock_may_stop
          UNION ALL
          SELECT p.owner_user_id, p.status, p.due_soon
          FROM cur c CROSS JOIN LATERAL app_lead_protection_of(c.lead_id, p_now) p
          WHERE c.clock_may_stop
        )
        SELECT v_org, k.owner_user_id, k.status, k.due_soon, count(*)::integer
        FROM classified k
        GROUP BY k.owner_user_id, k.status, k.due_soon;
    END LOOP;
  END
  $$;

CREATE OR REPLACE FUNCTION app_lead_refresh_expiry(p_lead uuid) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_org uuid;
    v_saved text := current_setting('app.org_id', true);
  BEGIN
    SELECT org_id INTO v_org FROM lead WHERE id = p_lead;
    IF v_org IS NULL THEN
      RETURN;
    END IF;
    PERFORM set_config('app.org_id', v_org::text, true);
    UPDATE lead_assignment a
      SET progress_due_at = m.progress_due_at, grace_due_at = m.grace_due_at, expires_at = m.expires_at
      FROM (SELECT * FROM app_lead_due_moments_of(p_lead, now())) m
      WHERE a.lead_id = p_lead AND a.released_at IS NULL;
    PERFORM set_config('app.org_id', coalesce(v_saved, ''), true);
  END
  $$;

CREATE OR REPLACE FUNCTION app_lead_due_moments_of(p_lead uuid, p_now timestamptz)
  RETURNS TABLE (progress_due_at timestamptz, grace_due_at timestamptz, expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH holds AS (
      SELECT range_agg(tstzrange(greatest(h.start_at, p_now), coalesce(h.end_at, 'infinity'), '[)')) AS spans
      FROM lead_hold h
      WHERE h.lead_id = p_lead AND coalesce(h.end_at, 'infinity') > p_now
    )
    SELECT app_clock_moment(p.progress_until, p_now, holds.spans),
           app_clock_moment(p.valid_until, p_now, holds.spans),
           app_clock_moment(p.grace_until, p_now, holds.spans)
    FROM app_lead_protection_of(p_lead, p_now) p, holds
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
