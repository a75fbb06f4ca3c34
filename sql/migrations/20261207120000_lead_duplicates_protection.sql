-- The duplicate check told a partner which lead collided, with its id, even a lead of another
-- partner they may not read, and counted expired leads as collisions (issue #9). The function now
-- also answers whether each colliding lead is protected right now, and since when; the service
-- decides from that and from what the caller can read (RLS) how much to say.

-- migrate:up

DROP FUNCTION app_lead_duplicates(text, text, text);

-- EXACT: the same contact email, or the same company (normalised) in the same city.
-- SIMILAR: a company in the same city whose name is close (trigram similarity >= 0.5).
-- protected_since: when the current assignment began, if its protection still runs (ACTIVE or
-- GRACE) at app_now(); NULL for a released or expired lead. Without app.now the cached expires_at
-- decides (one index probe); with it, the full computation, as app_is_protected_owner does.
-- Protected leads come first within each kind of match, so LIMIT never hides one behind expired ones.
CREATE FUNCTION app_lead_duplicates(p_company text, p_city text, p_email text)
  RETURNS TABLE (lead_id uuid, company_name text, city text, match text, similarity double precision,
                 protected_since timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH me AS (
      SELECT NULLIF(current_setting('app.org_id', true), '')::uuid AS org_id,
             app_name_key(p_company) AS company_key, app_name_key(p_city) AS city_key,
             lower(btrim(p_email)) AS email
    ),
    candidates AS (
      SELECT l.id, l.company_name, l.city,
             CASE WHEN l.contact_email = me.email
                    OR (l.company_key = me.company_key AND l.city_key = me.city_key) THEN 'EXACT'
                  ELSE 'SIMILAR' END AS match,
             app_trigram_similarity(l.company_key, me.company_key) AS similarity,
             (SELECT a.assigned_at FROM lead_assignment a
              WHERE a.lead_id = l.id AND a.org_id = me.org_id AND a.released_at IS NULL
                AND CASE WHEN NULLIF(current_setting('app.now', true), '') IS NULL THEN now() < a.expires_at
                         ELSE EXISTS (SELECT 1 FROM app_lead_protection_of(l.id, app_now()) p
                                      WHERE p.status <> 'EXPIRED') END) AS protected_since
      FROM lead l, me
      WHERE l.org_id = me.org_id
        AND ((me.email IS NOT NULL AND l.contact_email = me.email) OR l.city_key = me.city_key)
    )
    SELECT id, company_name, city, match, similarity, protected_since FROM candidates
    WHERE match = 'EXACT' OR similarity >= 0.5
    ORDER BY match, protected_since IS NULL, similarity DESC
    LIMIT 10
  $$;

REVOKE ALL ON FUNCTION app_lead_duplicates(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_lead_duplicates(text, text, text) TO freshplan_app;

-- migrate:down

DROP FUNCTION app_lead_duplicates(text, text, text);

CREATE FUNCTION app_lead_duplicates(p_company text, p_city text, p_email text)
  RETURNS TABLE (lead_id uuid, company_name text, city text, match text, similarity double precision)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH me AS (
      SELECT NULLIF(current_setting('app.org_id', true), '')::uuid AS org_id,
             app_name_key(p_company) AS company_key, app_name_key(p_city) AS city_key,
             lower(btrim(p_email)) AS email
    ),
    candidates AS (
      SELECT l.id, l.company_name, l.city,
             CASE WHEN l.contact_email = me.email
                    OR (l.company_key = me.company_key AND l.city_key = me.city_key) THEN 'EXACT'
                  ELSE 'SIMILAR' END AS match,
             app_trigram_similarity(l.company_key, me.company_key) AS similarity
      FROM lead l, me
      WHERE l.org_id = me.org_id
        AND ((me.email IS NOT NULL AND l.contact_email = me.email) OR l.city_key = me.city_key)
    )
    SELECT id, company_name, city, match, similarity FROM candidates
    WHERE match = 'EXACT' OR similarity >= 0.5
    ORDER BY match, similarity DESC
    LIMIT 10
  $$;

REVOKE ALL ON FUNCTION app_lead_duplicates(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_lead_duplicates(text, text, text) TO freshplan_app;
