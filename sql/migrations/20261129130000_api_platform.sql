-- The REST platform's memory of Idempotency-Keys: the first answer to a POST, per organisation,
-- caller and key, kept for 24 hours (lib/http/idempotency.ts).

-- migrate:up

CREATE TABLE idempotency_key (
  org_id          uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  caller          text NOT NULL CHECK (caller ~ '^(token|user):'),
  key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash    text NOT NULL,
  state           text NOT NULL CHECK (state IN ('running', 'done')),
  response_status integer,
  response_body   text,
  response_type   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  PRIMARY KEY (org_id, caller, key)
);
CREATE INDEX idempotency_key_expiry_idx ON idempotency_key (expires_at);

ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotency_key_own_org ON idempotency_key FOR ALL
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_key TO freshplan_app;

-- For the cleanup job, which works across organisations: removes expired keys, returns how many.
CREATE FUNCTION app_idempotency_cleanup() RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH gone AS (DELETE FROM idempotency_key WHERE expires_at <= now() RETURNING 1)
    SELECT count(*)::integer FROM gone
  $$;
REVOKE ALL ON FUNCTION app_idempotency_cleanup() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_idempotency_cleanup() TO freshplan_app;

-- migrate:down

DROP FUNCTION app_idempotency_cleanup();
DROP TABLE idempotency_key;
