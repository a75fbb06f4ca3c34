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
--
-- 2. Policy names follow one scheme:
--
--        <table>_<command>            the table's policy for that command
--        <table>_<command>_<who>      where the rows or the people need naming, or a table has
--                                     several policies for one command
--
--    <command> is select, insert, update, delete or all (FOR ALL); <who> says whose rows or which
--    case: setting_value_select_global / _org / _user, membership_insert_admin,
--    user_session_update_own, lead_activity_insert_feedback_link. So a name says which table and
--    command a policy governs, and a table's policies list by command. lib/db/policies.int.test.ts
--    holds every policy to the scheme. The renames below are derived from the catalogue: <who> is
--    what the old name says besides its table and its verb (read, create, revoke, append, …); each
--    renamed policy keeps its old name in its comment, which is how the down step finds it again.
--
-- 3. The activity kinds live in one function each, app_lead_activity_kinds() and
--    app_lead_qualifying_kinds(), read by lead_activity's CHECK and by the protection computation;
--    lib/leads/constants.int.test.ts holds them equal to lib/leads/schemas.ts, and the defaults of
--    app_lead_protection_config() equal to lib/settings/registry.ts.

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

-- The policy name the scheme gives a policy, from its table, command and old name.
CREATE FUNCTION pg_temp.scheme_name(p_table text, p_command text, p_name text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
  DECLARE
    v_table text[] := string_to_array(p_table, '_');
    v_words text[] := string_to_array(p_name, '_');
    v_shared integer := 0;
    v_who text;
  BEGIN
    -- The words the old name shares with its table's name, from the start: lead_extension_create
    -- names lead_extension_request by its first two.
    WHILE v_shared < least(cardinality(v_table), cardinality(v_words))
          AND v_words[v_shared + 1] = v_table[v_shared + 1] LOOP
      v_shared := v_shared + 1;
    END LOOP;
    SELECT string_agg(w, '_' ORDER BY i) INTO v_who
    FROM unnest(v_words[v_shared + 1:]) WITH ORDINALITY AS u(w, i)
    WHERE w <> ALL (ARRAY['read', 'select', 'create', 'insert', 'append', 'record', 'enqueue', 'write',
                          'update', 'revoke', 'close', 'finish', 'deliver', 'decide', 'delete', 'purge',
                          'all']);
    RETURN p_table || '_' || lower(p_command) || coalesce('_' || v_who, '');
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

-- 2. Policy names

DO $$
DECLARE
  p record;
BEGIN
  FOR p IN SELECT tablename, policyname, pg_temp.scheme_name(tablename, cmd, policyname) AS scheme_name
           FROM pg_policies WHERE schemaname = 'public'
  LOOP
    CONTINUE WHEN p.policyname = p.scheme_name;
    EXECUTE format('ALTER POLICY %I ON public.%I RENAME TO %I', p.policyname, p.tablename, p.scheme_name);
    EXECUTE format('COMMENT ON POLICY %I ON public.%I IS %L', p.scheme_name, p.tablename,
                   format('Named %s before 20261207190000.', p.policyname));
  END LOOP;
END
$$;

-- 3. The activity kinds, as lib/leads/schemas.ts lists them

-- The kinds that prove progress (spec, "Inputs"): they move the protection's progress clock.
CREATE FUNCTION app_lead_qualifying_kinds() RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY['QUALIFIED_CALL', 'CUSTOMER_REACTION', 'SCHEDULED_FOLLOWUP', 'SAMPLE_FEEDBACK',
                     'ROI_PRESENTATION'] $$;
-- Every kind lead_activity takes. Widening the list is a CREATE OR REPLACE; narrowing it needs the
-- rows changed first: a CHECK does not revisit the rows it has accepted.
CREATE FUNCTION app_lead_activity_kinds() RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT app_lead_qualifying_kinds() || ARRAY['NOTE', 'EMAIL_SENT'] $$;
-- The app role's inserts evaluate the CHECK, and PostgreSQL checks EXECUTE there too.
GRANT EXECUTE ON FUNCTION app_lead_activity_kinds(), app_lead_qualifying_kinds() TO freshplan_app;

ALTER TABLE lead_activity
  DROP CONSTRAINT lead_activity_kind_check,
  ADD CONSTRAINT lead_activity_kind_check CHECK (kind = ANY (app_lead_activity_kinds()));
SELECT pg_temp.rewrite_functions(
  $re$kind IN \('QUALIFIED_CALL',\s*'CUSTOMER_REACTION',\s*'SCHEDULED_FOLLOWUP',\s*'SAMPLE_FEEDBACK',\s*'ROI_PRESENTATION'\)$re$,
  'kind = ANY (app_lead_qualifying_kinds())', 'app_lead_qualifying_kinds');

DROP FUNCTION pg_temp.scheme_name(text, text, text);
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

SELECT pg_temp.rewrite_functions($re$kind = ANY \(app_lead_qualifying_kinds\(\)\)$re$,
  $$kind IN ('QUALIFIED_CALL', 'CUSTOMER_REACTION', 'SCHEDULED_FOLLOWUP',
                               'SAMPLE_FEEDBACK', 'ROI_PRESENTATION')$$,
  'app_lead_qualifying_kinds');
ALTER TABLE lead_activity
  DROP CONSTRAINT lead_activity_kind_check,
  ADD CONSTRAINT lead_activity_kind_check CHECK (kind IN ('QUALIFIED_CALL', 'CUSTOMER_REACTION',
    'SCHEDULED_FOLLOWUP', 'SAMPLE_FEEDBACK', 'ROI_PRESENTATION', 'NOTE', 'EMAIL_SENT'));
DROP FUNCTION app_lead_activity_kinds();
DROP FUNCTION app_lead_qualifying_kinds();

DO $$
DECLARE
  p record;
BEGIN
  FOR p IN SELECT pol.polname, c.relname, substring(d.description FROM '^Named (\w+) before 20261207190000\.$') AS old_name
           FROM pg_policy pol
           JOIN pg_class c ON c.oid = pol.polrelid
           JOIN pg_description d ON d.classoid = 'pg_policy'::regclass AND d.objoid = pol.oid
  LOOP
    CONTINUE WHEN p.old_name IS NULL;
    EXECUTE format('COMMENT ON POLICY %I ON public.%I IS NULL', p.polname, p.relname);
    EXECUTE format('ALTER POLICY %I ON public.%I RENAME TO %I', p.polname, p.relname, p.old_name);
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
