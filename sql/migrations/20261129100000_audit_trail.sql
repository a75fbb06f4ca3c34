-- The audit trail: append-only, one hash chain per organisation (and one for installation-wide
-- events, org_id NULL). A BEFORE INSERT trigger links each row to the previous one of its chain
-- under a per-chain advisory lock, so concurrent writers cannot fork it; app_audit_verify()
-- recomputes every hash and names the first row that does not fit.

-- migrate:up

CREATE TABLE audit_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id        uuid REFERENCES organization (id) ON DELETE RESTRICT,
  actor_type    text NOT NULL CHECK (actor_type IN ('user', 'token', 'system')),
  actor_id      text,
  action        text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'),
  resource_type text NOT NULL,
  resource_id   text,
  before        jsonb,
  after         jsonb,
  request_id    text,
  ip            text,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Both set by the trigger; the defaults only let an INSERT leave them out.
  prev_hash     text NOT NULL DEFAULT '',
  hash          text NOT NULL DEFAULT ''
);
CREATE INDEX audit_event_org_time_idx ON audit_event (org_id, created_at DESC, id DESC);
CREATE INDEX audit_event_org_action_idx ON audit_event (org_id, action);
CREATE INDEX audit_event_org_resource_idx ON audit_event (org_id, resource_type, resource_id);

-- The chain's genesis value.
CREATE FUNCTION app_audit_genesis() RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT repeat('0', 64) $$;

-- What a row's hash covers: the previous hash and every recorded field, in a fixed order.
CREATE FUNCTION app_audit_hash(e audit_event) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT encode(sha256(convert_to(concat_ws('|',
      e.prev_hash, e.id::text, coalesce(e.org_id::text, '-'), e.actor_type, coalesce(e.actor_id, '-'),
      e.action, e.resource_type, coalesce(e.resource_id, '-'), coalesce(e.before::text, '-'),
      coalesce(e.after::text, '-'), coalesce(e.request_id, '-'), coalesce(e.ip, '-'),
      to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
    ), 'UTF8')), 'hex')
  $$;

CREATE FUNCTION app_audit_link() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    -- One writer per chain at a time; released at commit or rollback.
    PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || coalesce(NEW.org_id::text, '-'), 0));
    -- The id drawn when the INSERT began may be older than one a concurrent writer already linked;
    -- drawing it again under the lock keeps ids, links and times in the order of appending, which
    -- app_audit_verify() walks. (Ids have gaps; nothing relies on them being dense.)
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

CREATE TRIGGER audit_event_link BEFORE INSERT ON audit_event
  FOR EACH ROW EXECUTE FUNCTION app_audit_link();

-- Append-only for everyone, owner included: history is not edited, not even by mistake.
CREATE FUNCTION app_audit_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = '42501'; END $$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION app_audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION app_audit_refuse_change();

ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_event_read ON audit_event FOR SELECT
  USING (
    org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    OR (org_id IS NULL AND app_has_role('platform_admin'))
  );
CREATE POLICY audit_event_append ON audit_event FOR INSERT
  WITH CHECK (
    org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    OR (org_id IS NULL AND app_has_role('platform_admin'))
  );

GRANT SELECT, INSERT ON audit_event TO freshplan_app;

-- Recomputes every chain; returns the first row of each chain whose links or hash do not fit.
CREATE FUNCTION app_audit_verify()
  RETURNS TABLE (org_id uuid, event_id bigint, problem text, checked bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH chain AS (
      SELECT a.*,
             lag(a.hash) OVER (PARTITION BY a.org_id ORDER BY a.id) AS expected_prev,
             count(*) OVER (PARTITION BY a.org_id) AS chain_length
      FROM audit_event a
    ),
    broken AS (
      SELECT c.org_id, c.id, c.chain_length,
             CASE
               WHEN c.prev_hash <> coalesce(c.expected_prev, app_audit_genesis()) THEN 'link'
               WHEN c.hash <> app_audit_hash(ROW(c.id, c.org_id, c.actor_type, c.actor_id, c.action,
                      c.resource_type, c.resource_id, c.before, c.after, c.request_id, c.ip,
                      c.created_at, c.prev_hash, c.hash)::audit_event) THEN 'hash'
             END AS problem
      FROM chain c
    )
    SELECT DISTINCT ON (b.org_id) b.org_id, b.id, b.problem, b.chain_length
    FROM broken b
    WHERE b.problem IS NOT NULL
    ORDER BY b.org_id, b.id
  $$;

-- How many events each chain holds, so the operator sees what audit:verify checked.
CREATE FUNCTION app_audit_chain_lengths()
  RETURNS TABLE (org_id uuid, events bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT a.org_id, count(*) FROM audit_event a GROUP BY a.org_id $$;

-- `npm run cli -- audit:verify` and the audit-chain-verify job run as the app role, like everything
-- else: no connection that bypasses row-level security, only these two narrow answers.
REVOKE ALL ON FUNCTION app_audit_verify(), app_audit_chain_lengths() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_audit_verify(), app_audit_chain_lengths() TO freshplan_app;

-- migrate:down

DROP FUNCTION app_audit_chain_lengths();
DROP FUNCTION app_audit_verify();
DROP FUNCTION app_audit_hash(audit_event);
DROP TABLE audit_event;
DROP FUNCTION app_audit_refuse_change();
DROP FUNCTION app_audit_link();
DROP FUNCTION app_audit_genesis();
