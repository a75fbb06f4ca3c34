-- When does a lead's protection expire? Deciding it per row in the RLS policies meant computing the
-- full protection of every lead a partner might see: 2.5 s for a "my leads" page at 100 000 leads.
-- This migration keeps the answer on the current assignment, recomputed by triggers whenever an
-- input changes, so the policies read one indexed column.
--
-- Why one timestamp is exact: let f(t) = grace_until(t) - t. While t lies inside a hold, both
-- deadlines grow with the clock (paused() grows at rate 1 for both anchors), so f stays constant;
-- outside holds f falls at rate 1. So f never rises, EXPIRED ⇔ f(t) ≤ 0 ⇔ t ≥ E for one moment E,
-- found by walking forward from now through the future hold coverage until f(now) of uncovered
-- time has passed (infinity while a hold stays open). Inputs that change f — activities, holds,
-- extensions, the assignment, the global settings — fire the recomputation. Only app.now (tests,
-- what-if evaluations of the past) bypasses the cache and computes in full.

-- migrate:up

ALTER TABLE lead_assignment ADD COLUMN expires_at timestamptz;
CREATE INDEX lead_assignment_expiry_idx ON lead_assignment (org_id, expires_at) WHERE released_at IS NULL;

-- E for one lead's current assignment, from its protection at p_now ('infinity' while a hold is open).
CREATE FUNCTION app_lead_expiry_of(p_lead uuid, p_now timestamptz) RETURNS timestamptz
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_grace_until timestamptz;
    v_remaining   interval;
    v_cursor      timestamptz := p_now;
    v_span        record;
  BEGIN
    SELECT p.grace_until INTO v_grace_until FROM app_lead_protection_of(p_lead, p_now) p;
    IF v_grace_until IS NULL THEN
      RETURN NULL;
    END IF;
    v_remaining := v_grace_until - p_now;
    IF v_remaining <= interval '0' THEN
      RETURN v_grace_until;   -- already expired: the moment it happened
    END IF;
    FOR v_span IN
      SELECT lower(r) AS s, upper(r) AS e
      FROM unnest((
        SELECT range_agg(tstzrange(greatest(h.start_at, p_now), coalesce(h.end_at, 'infinity'), '[)'))
        FROM lead_hold h
        WHERE h.lead_id = p_lead AND coalesce(h.end_at, 'infinity') > p_now
      )) AS r
      ORDER BY lower(r)
    LOOP
      IF v_span.s - v_cursor >= v_remaining THEN
        RETURN v_cursor + v_remaining;
      END IF;
      v_remaining := v_remaining - (v_span.s - v_cursor);
      IF v_span.e = 'infinity' THEN
        RETURN 'infinity';
      END IF;
      v_cursor := v_span.e;
    END LOOP;
    RETURN v_cursor + v_remaining;
  END
  $$;

-- The context the computation needs (org) comes from the row, not from the caller: triggers fire
-- for the system job and for operators alike.
CREATE FUNCTION app_lead_refresh_expiry(p_lead uuid) RETURNS void
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
    UPDATE lead_assignment SET expires_at = app_lead_expiry_of(p_lead, now())
      WHERE lead_id = p_lead AND released_at IS NULL;
    PERFORM set_config('app.org_id', coalesce(v_saved, ''), true);
  END
  $$;

CREATE FUNCTION app_lead_expiry_trigger() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      PERFORM app_lead_refresh_expiry(OLD.lead_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.lead_id IS DISTINCT FROM OLD.lead_id) THEN
      PERFORM app_lead_refresh_expiry(NEW.lead_id);
    END IF;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER lead_activity_expiry AFTER INSERT OR UPDATE OR DELETE ON lead_activity
  FOR EACH ROW EXECUTE FUNCTION app_lead_expiry_trigger();
CREATE TRIGGER lead_hold_expiry AFTER INSERT OR UPDATE OR DELETE ON lead_hold
  FOR EACH ROW EXECUTE FUNCTION app_lead_expiry_trigger();
CREATE TRIGGER lead_extension_expiry AFTER INSERT OR UPDATE OF status, days OR DELETE ON lead_extension_request
  FOR EACH ROW EXECUTE FUNCTION app_lead_expiry_trigger();
-- Not on UPDATE OF expires_at: the refresh itself must not fire it again.
CREATE TRIGGER lead_assignment_expiry AFTER INSERT OR UPDATE OF assigned_at, released_at, owner_user_id ON lead_assignment
  FOR EACH ROW EXECUTE FUNCTION app_lead_expiry_trigger();

-- A change of the global lead-protection settings moves every deadline: all current assignments
-- are recomputed (about 0.3 ms each; a rare, deliberate change).
CREATE FUNCTION app_lead_expiry_settings_trigger() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    PERFORM app_lead_refresh_expiry(a.lead_id) FROM lead_assignment a WHERE a.released_at IS NULL;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER setting_value_lead_expiry AFTER INSERT OR UPDATE ON setting_value
  FOR EACH ROW WHEN (NEW.scope = 'global' AND NEW.key LIKE 'lead.protection.%')
  EXECUTE FUNCTION app_lead_expiry_settings_trigger();
CREATE TRIGGER setting_value_lead_expiry_removed AFTER DELETE ON setting_value
  FOR EACH ROW WHEN (OLD.scope = 'global' AND OLD.key LIKE 'lead.protection.%')
  EXECUTE FUNCTION app_lead_expiry_settings_trigger();

-- The owner check of the policies: one indexed read, unless app.now asks about another moment.
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

-- The read check of the policies, with the owner and collaborator tests written inline, so the
-- planner runs them as index probes instead of calling a function per row (a partner's list
-- page scans a few thousand candidate rows).
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
-- Owners first: for a partner's own assignments the cheap test decides.
ALTER POLICY lead_assignment_read ON lead_assignment
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND (owner_user_id = app_current_user_id() OR app_can_read_lead(lead_id)));

-- Fill the cache for what exists.
SELECT app_lead_refresh_expiry(lead_id) FROM lead_assignment WHERE released_at IS NULL;

REVOKE ALL ON FUNCTION app_lead_expiry_of(uuid, timestamptz), app_lead_refresh_expiry(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_lead_expiry_of(uuid, timestamptz) TO freshplan_app;

-- migrate:down

ALTER POLICY lead_assignment_read ON lead_assignment
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND (app_can_read_lead(lead_id) OR owner_user_id = app_current_user_id()));
CREATE OR REPLACE FUNCTION app_can_read_lead(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT app_is_lead_manager() OR app_has_role('auditor')
        OR app_is_protected_owner(p_lead)
        OR app_is_collaborator(p_lead, ARRAY['VIEW', 'ASSIST', 'NEGOTIATE'])
  $$;

CREATE OR REPLACE FUNCTION app_is_protected_owner(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM app_lead_protection_of(p_lead, app_now()) p
      WHERE p.owner_user_id = app_current_user_id() AND p.status <> 'EXPIRED'
    )
  $$;
DROP TRIGGER setting_value_lead_expiry_removed ON setting_value;
DROP TRIGGER setting_value_lead_expiry ON setting_value;
DROP FUNCTION app_lead_expiry_settings_trigger();
DROP TRIGGER lead_assignment_expiry ON lead_assignment;
DROP TRIGGER lead_extension_expiry ON lead_extension_request;
DROP TRIGGER lead_hold_expiry ON lead_hold;
DROP TRIGGER lead_activity_expiry ON lead_activity;
DROP FUNCTION app_lead_expiry_trigger();
DROP FUNCTION app_lead_refresh_expiry(uuid);
DROP FUNCTION app_lead_expiry_of(uuid, timestamptz);
DROP INDEX lead_assignment_expiry_idx;
ALTER TABLE lead_assignment DROP COLUMN expires_at;
