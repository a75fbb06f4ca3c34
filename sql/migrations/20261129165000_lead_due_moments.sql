-- The daily job computed the full protection of every lead on every run to find the few with a
-- reminder or a release due: minutes at 100 000 leads. This migration keeps, beside expires_at,
-- the two other moments the job acts on, so it can select its candidates with one pass over
-- lead_assignment and compute the protection of those alone:
--   progress_due_at  when progress_until is reached (REMINDER_60D is due),
--   grace_due_at     when valid_until is reached (the lead enters GRACE; GRACE_EXPIRY is due),
--   expires_at       when grace_until is reached (EXPIRED; the job releases).
-- Each is found as expires_at is (see 20261129160000_lead_expiry_cache.sql): deadline(t) - t never
-- rises, it stands still inside holds and falls at rate 1 outside them, so the moment is found by
-- walking forward from now through the future holds until the remaining time is used up. A
-- deadline already passed is kept as its value at computation time: with no hold since, that is
-- the due moment the job records, so "already reminded" is one index probe.

-- migrate:up

ALTER TABLE lead_assignment ADD COLUMN progress_due_at timestamptz, ADD COLUMN grace_due_at timestamptz;

-- The moment a deadline is reached, given its value at p_now and the holds from p_now on.
CREATE FUNCTION app_clock_moment(p_deadline timestamptz, p_now timestamptz, p_holds tstzmultirange)
  RETURNS timestamptz
  LANGUAGE plpgsql IMMUTABLE
  AS $$
  DECLARE
    v_remaining interval := p_deadline - p_now;
    v_cursor    timestamptz := p_now;
    v_span      tstzrange;
  BEGIN
    IF p_deadline IS NULL OR v_remaining <= interval '0' THEN
      RETURN p_deadline;
    END IF;
    FOR v_span IN SELECT r FROM unnest(coalesce(p_holds, '{}'::tstzmultirange)) AS r ORDER BY lower(r) LOOP
      IF lower(v_span) - v_cursor >= v_remaining THEN
        RETURN v_cursor + v_remaining;
      END IF;
      v_remaining := v_remaining - (lower(v_span) - v_cursor);
      IF upper_inf(v_span) THEN
        RETURN 'infinity';
      END IF;
      v_cursor := upper(v_span);
    END LOOP;
    RETURN v_cursor + v_remaining;
  END
  $$;

-- The three moments of a lead's current assignment, from its protection at p_now.
CREATE FUNCTION app_lead_due_moments_of(p_lead uuid, p_now timestamptz)
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

CREATE OR REPLACE FUNCTION app_lead_expiry_of(p_lead uuid, p_now timestamptz) RETURNS timestamptz
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT m.expires_at FROM app_lead_due_moments_of(p_lead, p_now) m $$;

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

REVOKE ALL ON FUNCTION app_lead_due_moments_of(uuid, timestamptz) FROM PUBLIC;

-- Fill the new columns for what exists.
SELECT app_lead_refresh_expiry(lead_id) FROM lead_assignment WHERE released_at IS NULL;

-- migrate:down

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
    UPDATE lead_assignment SET expires_at = app_lead_expiry_of(p_lead, now())
      WHERE lead_id = p_lead AND released_at IS NULL;
    PERFORM set_config('app.org_id', coalesce(v_saved, ''), true);
  END
  $$;
CREATE OR REPLACE FUNCTION app_lead_expiry_of(p_lead uuid, p_now timestamptz) RETURNS timestamptz
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
      RETURN v_grace_until;
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
DROP FUNCTION app_lead_due_moments_of(uuid, timestamptz);
DROP FUNCTION app_clock_moment(timestamptz, timestamptz, tstzmultirange);
ALTER TABLE lead_assignment DROP COLUMN progress_due_at, DROP COLUMN grace_due_at;
