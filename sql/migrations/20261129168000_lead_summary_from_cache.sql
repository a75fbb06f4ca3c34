-- The summary computed the full protection of every lead on each refresh: over 20 s at 100 000
-- leads, past the job's transaction limit. At the live clock the moments on lead_assignment decide
-- status and due_soon exactly for every lead without a hold still running or ahead (then nothing
-- pauses the clock any more, so valid_until is grace_due_at and grace_until is expires_at); only
-- leads with such holds are computed in full. Moments in the past (tests, what-ifs) compute all.

-- migrate:up

CREATE FUNCTION app_lead_protection_counts_full(p_now timestamptz)
  RETURNS TABLE (org_id uuid, owner_user_id uuid, status text, due_soon boolean, leads integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET app.org_id = ''
  AS $$
  #variable_conflict use_column
  DECLARE
    v_org uuid;
  BEGIN
    FOR v_org IN SELECT o.id FROM organization o ORDER BY o.id LOOP
      PERFORM set_config('app.org_id', v_org::text, true);
      RETURN QUERY
        SELECT l.org_id, p.owner_user_id, p.status, p.due_soon, count(*)::integer
        FROM lead l CROSS JOIN LATERAL app_lead_protection_of(l.id, p_now) p
        WHERE l.org_id = v_org
        GROUP BY l.org_id, p.owner_user_id, p.status, p.due_soon;
    END LOOP;
  END
  $$;

-- Valid only for p_now at or after the moments were computed (the live clock and later).
CREATE FUNCTION app_lead_protection_counts_cached(p_now timestamptz)
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

CREATE OR REPLACE FUNCTION app_lead_protection_counts(p_now timestamptz)
  RETURNS TABLE (org_id uuid, owner_user_id uuid, status text, due_soon boolean, leads integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF p_now >= now() - interval '5 minutes' THEN
      RETURN QUERY SELECT * FROM app_lead_protection_counts_cached(p_now);
    ELSE
      RETURN QUERY SELECT * FROM app_lead_protection_counts_full(p_now);
    END IF;
  END
  $$;

REVOKE ALL ON FUNCTION app_lead_protection_counts_full(timestamptz), app_lead_protection_counts_cached(timestamptz)
  FROM PUBLIC;

-- migrate:down

CREATE OR REPLACE FUNCTION app_lead_protection_counts(p_now timestamptz)
  RETURNS TABLE (org_id uuid, owner_user_id uuid, status text, due_soon boolean, leads integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET app.org_id = ''
  AS $$
  DECLARE
    v_org uuid;
  BEGIN
    FOR v_org IN SELECT o.id FROM organization o ORDER BY o.id LOOP
      PERFORM set_config('app.org_id', v_org::text, true);
      RETURN QUERY
        SELECT l.org_id, p.owner_user_id, p.status, p.due_soon, count(*)::integer
        FROM lead l CROSS JOIN LATERAL app_lead_protection_of(l.id, p_now) p
        WHERE l.org_id = v_org
        GROUP BY l.org_id, p.owner_user_id, p.status, p.due_soon;
    END LOOP;
  END
  $$;
DROP FUNCTION app_lead_protection_counts_cached(timestamptz);
DROP FUNCTION app_lead_protection_counts_full(timestamptz);
