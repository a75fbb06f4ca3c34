-- SQL that reads as it stands (issue 10, item 6).
--
-- 1. The current organisation has one name: app_current_org_id(), beside app_current_user_id().
--    Every policy and function read it as NULLIF(current_setting('app.org_id', true), '')::uuid, a
--    hundred copies of one expression. The function has the same meaning — no context, no rows —
--    and costs nothing: a one-line, STABLE, non-SECURITY-DEFINER SQL function without SET clauses
--    is inlined by the planner, so plans show the very expression, as an index condition where it
--    was one (lib/db/context.int.test.ts proves both). The rewrite below walks the catalogue, so it
--    also covers the policies and functions of migrations merged before this one; the same test
--    fails for any later policy, view or function that reads the setting itself.

-- migrate:up

-- Only the walk of this migration needs these; pg_temp keeps them out of the schema.
CREATE FUNCTION pg_temp.rewrite_policies(p_from text, p_to text) RETURNS void
  LANGUAGE plpgsql AS $$
  DECLARE
    p record;
  BEGIN
    FOR p IN SELECT * FROM pg_policies
             WHERE schemaname = 'public' AND (strpos(qual, p_from) > 0 OR strpos(with_check, p_from) > 0)
    LOOP
      EXECUTE format('ALTER POLICY %I ON %I.%I', p.policyname, p.schemaname, p.tablename)
        || coalesce(' USING (' || replace(p.qual, p_from, p_to) || ')', '')
        || coalesce(' WITH CHECK (' || replace(p.with_check, p_from, p_to) || ')', '');
    END LOOP;
  END
  $$;

-- Recreates every function of the schema (but p_except) whose body matches p_pattern, with each
-- match replaced: CREATE OR REPLACE keeps the owner, the grants and every other property.
CREATE FUNCTION pg_temp.rewrite_functions(p_pattern text, p_to text, p_except text) RETURNS void
  LANGUAGE plpgsql AS $$
  DECLARE
    f oid;
  BEGIN
    FOR f IN SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.proname <> p_except AND p.prosrc ~ p_pattern
    LOOP
      EXECUTE regexp_replace(pg_get_functiondef(f), p_pattern, p_to, 'g');
    END LOOP;
  END
  $$;

-- 1. app_current_org_id()

CREATE FUNCTION app_current_org_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION app_current_org_id() TO freshplan_app;

-- As the policies store it (deparsed), and as the functions' bodies spell it.
SELECT pg_temp.rewrite_policies(
  $$(NULLIF(current_setting('app.org_id'::text, true), ''::text))::uuid$$, 'app_current_org_id()');
SELECT pg_temp.rewrite_functions(
  $re$NULLIF\(current_setting\('app\.org_id', true\), ''\)::uuid$re$, 'app_current_org_id()', 'app_current_org_id');
SELECT pg_temp.rewrite_functions(
  $re$NULLIF\(current_setting\('app\.org_id', true\), ''\) IS NULL$re$, 'app_current_org_id() IS NULL',
  'app_current_org_id');

-- Nothing else may be left: a spelling the walk does not know stops the migration.
DO $$
DECLARE
  v_left text;
BEGIN
  SELECT string_agg(what, ', ') INTO v_left FROM (
    SELECT format('policy %s on %s', policyname, tablename) AS what FROM pg_policies
    WHERE schemaname = 'public' AND concat(qual, with_check) ~ $re$NULLIF\(current_setting\('app\.org_id'$re$
    UNION ALL
    SELECT format('function %s', p.oid::regprocedure) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.proname <> 'app_current_org_id'
      AND p.prosrc ~ $re$NULLIF\s*\(\s*current_setting\s*\(\s*'app\.org_id'$re$) left_over;
  IF v_left IS NOT NULL THEN
    RAISE EXCEPTION 'still reading app.org_id by hand: %', v_left;
  END IF;
END
$$;

DROP FUNCTION pg_temp.rewrite_functions(text, text, text);
DROP FUNCTION pg_temp.rewrite_policies(text, text);

-- migrate:down

-- The helpers of the up step again: each step runs on its own.
CREATE FUNCTION pg_temp.rewrite_policies(p_from text, p_to text) RETURNS void
  LANGUAGE plpgsql AS $$
  DECLARE
    p record;
  BEGIN
    FOR p IN SELECT * FROM pg_policies
             WHERE schemaname = 'public' AND (strpos(qual, p_from) > 0 OR strpos(with_check, p_from) > 0)
    LOOP
      EXECUTE format('ALTER POLICY %I ON %I.%I', p.policyname, p.schemaname, p.tablename)
        || coalesce(' USING (' || replace(p.qual, p_from, p_to) || ')', '')
        || coalesce(' WITH CHECK (' || replace(p.with_check, p_from, p_to) || ')', '');
    END LOOP;
  END
  $$;
CREATE FUNCTION pg_temp.rewrite_functions(p_pattern text, p_to text, p_except text) RETURNS void
  LANGUAGE plpgsql AS $$
  DECLARE
    f oid;
  BEGIN
    FOR f IN SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.proname <> p_except AND p.prosrc ~ p_pattern
    LOOP
      EXECUTE regexp_replace(pg_get_functiondef(f), p_pattern, p_to, 'g');
    END LOOP;
  END
  $$;

SELECT pg_temp.rewrite_functions($re$app_current_org_id\(\) IS NULL$re$,
  $$NULLIF(current_setting('app.org_id', true), '') IS NULL$$, 'app_current_org_id');
SELECT pg_temp.rewrite_functions($re$app_current_org_id\(\)$re$,
  $$NULLIF(current_setting('app.org_id', true), '')::uuid$$, 'app_current_org_id');
SELECT pg_temp.rewrite_policies('app_current_org_id()', $$(NULLIF(current_setting('app.org_id', true), '')::uuid)$$);
DROP FUNCTION app_current_org_id();

DROP FUNCTION pg_temp.rewrite_functions(text, text, text);
DROP FUNCTION pg_temp.rewrite_policies(text, text);
