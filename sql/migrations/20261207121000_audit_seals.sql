-- A keyed audit chain (issue #9). The hash chain (20261129100000_audit_trail.sql) is plain SHA-256:
-- whoever owns the tables can change an event and compute every later hash again. So each event now
-- also gets a seal, HMAC-SHA-256 of its chained hash under a key only the app holds (AUDIT_CHAIN_KEY),
-- written by the app in the event's own transaction (lib/audit/seal.ts says why there and not in the
-- trigger). Rewriting an event changes its hash and every later one, and no new seal can be made
-- without the key. The key never reaches the database; a seal names its key by id (a fingerprint),
-- so old seals still verify after a rotation.
--
-- Events written before this migration have no seal: they stay as they are (the version-1 chain,
-- plain SHA-256), protected by the seals of the events after them, since each of those seals covers
-- a hash that depends on every earlier event. The daily published heads (lib/audit/heads.ts) record
-- from which event on a chain is sealed, so stripping the seals does not turn it back into version 1.

-- migrate:up

-- The seal's parent is the event of the same chain. (org_id, id) is unique anyway (id is); the
-- constraint makes it a key the composite foreign key below can point at, and it serves the chain's
-- look-up of its last event as the index it replaces did (read backwards).
ALTER TABLE audit_event ADD CONSTRAINT audit_event_org_event_key UNIQUE (org_id, id);
DROP INDEX audit_event_chain_idx;

CREATE TABLE audit_seal (
  event_id   bigint NOT NULL REFERENCES audit_event (id) ON DELETE RESTRICT,
  -- The event's organisation (NULL: the installation-wide chain), for RLS and the foreign key.
  org_id     uuid,
  -- First 16 hex digits of SHA-256 over the key (lib/audit/seal.ts): which key, never the key.
  key_id     text NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
  mac        text NOT NULL CHECK (mac ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (event_id, key_id),
  FOREIGN KEY (org_id, event_id) REFERENCES audit_event (org_id, id) ON DELETE RESTRICT
);
-- A chain's first sealed event, for the published heads.
CREATE INDEX audit_seal_chain_idx ON audit_seal (org_id, event_id);

-- Append-only like the events: a seal is never changed or removed, not even by its owner by mistake.
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION app_audit_refuse_change();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION app_audit_refuse_change();

ALTER TABLE audit_seal ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_seal FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_seal_read ON audit_seal FOR SELECT
  USING (
    org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    OR (org_id IS NULL AND app_has_role('platform_admin'))
  );
CREATE POLICY audit_seal_append ON audit_seal FOR INSERT
  WITH CHECK (
    org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    OR (org_id IS NULL AND app_has_role('platform_admin'))
  );

GRANT SELECT, INSERT ON audit_seal TO freshplan_app;

-- The whole trail for the keyed verification in the app (the key is not here to do it in SQL):
-- every event's chained hash and seals, in id order, a page after `p_after` at a time.
CREATE FUNCTION app_audit_sealed_page(p_after bigint, p_limit integer)
  RETURNS TABLE (org_id uuid, event_id bigint, hash text, key_ids text[], macs text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT a.org_id, a.id, a.hash,
           coalesce(array_agg(s.key_id ORDER BY s.key_id) FILTER (WHERE s.key_id IS NOT NULL), '{}'),
           coalesce(array_agg(s.mac ORDER BY s.key_id) FILTER (WHERE s.key_id IS NOT NULL), '{}')
    FROM (SELECT e.org_id, e.id, e.hash FROM audit_event e
          WHERE e.id > p_after ORDER BY e.id LIMIT least(p_limit, 10000)) a
    LEFT JOIN audit_seal s ON s.event_id = a.id
    GROUP BY a.org_id, a.id, a.hash
    ORDER BY a.id
  $$;

-- Each chain's head: its last event and hash, and its first sealed event (NULL while none is). One
-- index probe per chain: the organisations' chains, then the installation-wide one.
CREATE FUNCTION app_audit_heads()
  RETURNS TABLE (org_id uuid, org_slug text, event_id bigint, hash text, sealed_since bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT NULL::uuid, NULL::text, h.id, h.hash,
           (SELECT min(s.event_id) FROM audit_seal s WHERE s.org_id IS NULL)
    FROM (SELECT a.id, a.hash FROM audit_event a WHERE a.org_id IS NULL ORDER BY a.id DESC LIMIT 1) h
    UNION ALL
    SELECT o.id, o.slug, h.id, h.hash,
           (SELECT min(s.event_id) FROM audit_seal s WHERE s.org_id = o.id)
    FROM organization o
    CROSS JOIN LATERAL (
      SELECT a.id, a.hash FROM audit_event a WHERE a.org_id = o.id ORDER BY a.id DESC LIMIT 1
    ) h
  $$;

REVOKE ALL ON FUNCTION app_audit_sealed_page(bigint, integer), app_audit_heads() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_audit_sealed_page(bigint, integer), app_audit_heads() TO freshplan_app;

-- migrate:down

DROP FUNCTION app_audit_heads();
DROP FUNCTION app_audit_sealed_page(bigint, integer);
DROP TABLE audit_seal;
CREATE INDEX audit_event_chain_idx ON audit_event (org_id, id DESC);
ALTER TABLE audit_event DROP CONSTRAINT audit_event_org_event_key;
