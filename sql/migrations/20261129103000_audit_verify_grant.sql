-- `npm run cli -- audit:verify` runs as the app role, like everything else: no connection that
-- bypasses row-level security. It needs two narrow answers across organisations, both given by
-- SECURITY DEFINER functions: app_audit_verify() (the first broken row per chain) and
-- app_audit_chain_lengths() (how many events each chain holds, so the operator sees what was checked).
--
-- It also makes the chain's order the id order under concurrency. The identity value of a row was
-- taken when its INSERT began, before app_audit_link() waited for the chain's lock; a writer that
-- took id 10 and then waited could be linked after a writer with id 11, and app_audit_verify(),
-- which walks the chain by id, reported an intact chain as broken ('link'). The id is now drawn
-- again once the lock is held, so ids, links and created_at all follow the order of appending.
-- (The first value drawn is skipped: ids have gaps, which nothing relies on.)

-- migrate:up

GRANT EXECUTE ON FUNCTION app_audit_verify() TO freshplan_app;

CREATE FUNCTION app_audit_chain_lengths()
  RETURNS TABLE (org_id uuid, events bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT a.org_id, count(*) FROM audit_event a GROUP BY a.org_id $$;

REVOKE ALL ON FUNCTION app_audit_chain_lengths() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_audit_chain_lengths() TO freshplan_app;

CREATE OR REPLACE FUNCTION app_audit_link() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    -- One writer per chain at a time; released at commit or rollback.
    PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || coalesce(NEW.org_id::text, '-'), 0));
    NEW.id := nextval(pg_get_serial_sequence('public.audit_event', 'id'));
    NEW.created_at := clock_timestamp();
    SELECT a.hash INTO NEW.prev_hash
      FROM audit_event a
      WHERE a.org_id IS NOT DISTINCT FROM NEW.org_id
      ORDER BY a.id DESC
      LIMIT 1;
    NEW.prev_hash := coalesce(NEW.prev_hash, app_audit_genesis());
    NEW.hash := app_audit_hash(NEW);
    RETURN NEW;
  END
  $$;

-- migrate:down

CREATE OR REPLACE FUNCTION app_audit_link() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || coalesce(NEW.org_id::text, '-'), 0));
    NEW.created_at := clock_timestamp();
    SELECT a.hash INTO NEW.prev_hash
      FROM audit_event a
      WHERE a.org_id IS NOT DISTINCT FROM NEW.org_id
      ORDER BY a.id DESC
      LIMIT 1;
    NEW.prev_hash := coalesce(NEW.prev_hash, app_audit_genesis());
    NEW.hash := app_audit_hash(NEW);
    RETURN NEW;
  END
  $$;

DROP FUNCTION app_audit_chain_lengths();
REVOKE EXECUTE ON FUNCTION app_audit_verify() FROM freshplan_app;
