-- A backup must restore (issue 15's restore drill found this): pg_restore runs with an empty
-- search_path, and COPY checks lead_activity's and mail_suggestion's CHECK (kind = ANY
-- (app_lead_activity_kinds())), whose body called app_lead_qualifying_kinds() unqualified — not
-- found, so the restore of any database with an activity failed. Qualified now; no SET search_path,
-- so the function stays inlinable.

-- migrate:up

CREATE OR REPLACE FUNCTION app_lead_activity_kinds() RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT public.app_lead_qualifying_kinds() || ARRAY['NOTE', 'EMAIL_SENT'] $$;

-- migrate:down

CREATE OR REPLACE FUNCTION app_lead_activity_kinds() RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT app_lead_qualifying_kinds() || ARRAY['NOTE', 'EMAIL_SENT'] $$;
