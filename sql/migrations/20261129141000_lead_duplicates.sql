-- The duplicate check on lead registration. It must see every lead of the organisation, also the
-- ones the registering partner may not read, so it is a narrow SECURITY DEFINER function that
-- answers only "which leads collide with this one", in the caller's organisation.

-- migrate:up

-- Trigram similarity (Jaccard) of two name keys, without the pg_trgm extension (which PGlite
-- would have to load): 1 for equal keys, 0 for nothing in common.
CREATE FUNCTION app_trigram_similarity(a text, b text) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    WITH ta AS (
      SELECT DISTINCT substr('  ' || a || ' ', i, 3) AS g
      FROM generate_series(1, length(a) + 1) AS i
    ),
    tb AS (
      SELECT DISTINCT substr('  ' || b || ' ', i, 3) AS g
      FROM generate_series(1, length(b) + 1) AS i
    )
    SELECT CASE WHEN (SELECT count(*) FROM (SELECT g FROM ta UNION SELECT g FROM tb) u) = 0 THEN 0
                ELSE (SELECT count(*) FROM ta JOIN tb USING (g))::double precision
                     / (SELECT count(*) FROM (SELECT g FROM ta UNION SELECT g FROM tb) u) END
  $$;

-- EXACT: the same contact email, or the same company (normalised) in the same city.
-- SIMILAR: a company in the same city whose name is close (trigram similarity ≥ 0.5).
-- Pseudonymised leads count too: they keep company and city, and may still be protected.
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

-- migrate:down

DROP FUNCTION app_lead_duplicates(text, text, text);
DROP FUNCTION app_trigram_similarity(text, text);
