-- Foundation: the app role, tenancy helpers, organisations, users, memberships, access tokens and
-- the rate-limit buckets. Every table that holds an organisation's data has ENABLE + FORCE ROW LEVEL
-- SECURITY, and its policies read NULLIF(current_setting('app.org_id', true), '')::uuid, so a query
-- without context sees no rows. Look-ups that must cross organisations are the few SECURITY DEFINER
-- functions at the end, each answering one narrow question.

-- migrate:up

-- The role the app works as. It owns nothing, is no superuser and cannot bypass RLS. The app's login
-- role (see README, "Production database roles") is a member and switches to it in every transaction.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'freshplan_app') THEN
    CREATE ROLE freshplan_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO freshplan_app;
GRANT SELECT ON schema_migrations TO freshplan_app;

-- The request context, as set by withOrg() with set_config(…, true).
CREATE FUNCTION app_current_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

CREATE FUNCTION app_has_role(p_role text) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT p_role = ANY (string_to_array(NULLIF(current_setting('app.roles', true), ''), ',')) $$;

CREATE TABLE organization (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$'),
  name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL UNIQUE CHECK (email = lower(btrim(email)) AND email LIKE '_%@_%'),
  name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  password_hash text,
  locale        text NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE membership (
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('admin', 'manager', 'sales', 'auditor')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX membership_user_idx ON membership (user_id);

CREATE TABLE api_token (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL,
  user_id      uuid NOT NULL,
  name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  token_prefix text NOT NULL,
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, user_id) REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX api_token_owner_idx ON api_token (org_id, user_id);

-- Fixed-window counters for rate limits (login, API, public routes). Not tenant data: the app role
-- has no grant on it and reaches it only through app_rate_limit_hit().
CREATE TABLE rate_limit_bucket (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL
);

-- Row-level security ---------------------------------------------------------------------------

ALTER TABLE organization ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_read ON organization FOR SELECT
  USING (id = NULLIF(current_setting('app.org_id', true), '')::uuid);
-- An organisation is created inside its own, new context (the CLI and the seed do this).
CREATE POLICY organization_create ON organization FOR INSERT
  WITH CHECK (id = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY organization_update ON organization FOR UPDATE
  USING (id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_has_role('admin'))
  WITH CHECK (id = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE membership ENABLE ROW LEVEL SECURITY;
ALTER TABLE membership FORCE ROW LEVEL SECURITY;
CREATE POLICY membership_read ON membership FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY membership_admin_insert ON membership FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_has_role('admin'));
CREATE POLICY membership_admin_update ON membership FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_has_role('admin'))
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY membership_admin_delete ON membership FOR DELETE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_has_role('admin'));

-- A user row is shared by the organisations the user belongs to: visible to the user and to the
-- members of an organisation they belong to (the current one only).
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_user FORCE ROW LEVEL SECURITY;
CREATE POLICY app_user_read ON app_user FOR SELECT
  USING (
    id = app_current_user_id()
    OR EXISTS (
      SELECT 1 FROM membership m
      WHERE m.user_id = app_user.id
        AND m.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    )
  );
CREATE POLICY app_user_admin_insert ON app_user FOR INSERT
  WITH CHECK (NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL AND app_has_role('admin'));
CREATE POLICY app_user_update ON app_user FOR UPDATE
  USING (
    id = app_current_user_id()
    OR (app_has_role('admin') AND EXISTS (
      SELECT 1 FROM membership m
      WHERE m.user_id = app_user.id
        AND m.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    ))
  );

ALTER TABLE api_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_token FORCE ROW LEVEL SECURITY;
CREATE POLICY api_token_read ON api_token FOR SELECT
  USING (
    org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND (user_id = app_current_user_id() OR app_has_role('admin'))
  );
-- Tokens are created by a user for themselves.
CREATE POLICY api_token_create ON api_token FOR INSERT
  WITH CHECK (
    org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND user_id = app_current_user_id()
  );
-- Revoking: the owner, or an admin of the organisation.
CREATE POLICY api_token_revoke ON api_token FOR UPDATE
  USING (
    org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND (user_id = app_current_user_id() OR app_has_role('admin'))
  )
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE rate_limit_bucket ENABLE ROW LEVEL SECURITY;
ALTER TABLE rate_limit_bucket FORCE ROW LEVEL SECURITY;

GRANT SELECT, INSERT, UPDATE ON organization, app_user, api_token TO freshplan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON membership TO freshplan_app;

-- Narrow cross-organisation look-ups ------------------------------------------------------------
-- Each runs as the migration (owner) role, answers one question and returns only what that answer
-- needs. The owner role must bypass RLS (superuser or BYPASSRLS) for these to see anything.

-- Sign-in: the account behind an email address.
CREATE FUNCTION app_login_lookup(p_email text)
  RETURNS TABLE (user_id uuid, password_hash text, active boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.password_hash, u.active FROM app_user u WHERE u.email = lower(btrim(p_email))
  $$;

-- Every request: is the signed-in user still active, and which organisations may they enter?
CREATE FUNCTION app_session_memberships(p_user_id uuid)
  RETURNS TABLE (org_id uuid, org_slug text, org_name text, role text, user_name text,
                 user_email text, user_locale text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT o.id, o.slug, o.name, m.role, u.name, u.email, u.locale
    FROM app_user u
    JOIN membership m ON m.user_id = u.id
    JOIN organization o ON o.id = m.org_id
    WHERE u.id = p_user_id AND u.active
    ORDER BY o.name
  $$;

-- Bearer tokens: the principal behind a token hash, if the token is live. Marks it used.
CREATE FUNCTION app_token_authenticate(p_token_hash text)
  RETURNS TABLE (token_id uuid, user_id uuid, org_id uuid, org_slug text, role text)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE api_token t SET last_used_at = now()
    FROM membership m, app_user u, organization o
    WHERE t.token_hash = p_token_hash
      AND t.revoked_at IS NULL
      AND (t.expires_at IS NULL OR t.expires_at > now())
      AND m.org_id = t.org_id AND m.user_id = t.user_id
      AND u.id = t.user_id AND u.active
      AND o.id = t.org_id
    RETURNING t.id, t.user_id, t.org_id, o.slug, m.role
  $$;

-- Operators (CLI, seed): the id of an organisation by its slug, and of a user by email.
CREATE FUNCTION app_org_id_by_slug(p_slug text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM organization WHERE slug = p_slug $$;

CREATE FUNCTION app_user_id_by_email(p_email text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM app_user WHERE email = lower(btrim(p_email)) $$;

-- Rate limits: count one hit against a key; allowed while hits <= limit within the window.
CREATE FUNCTION app_rate_limit_hit(p_key text, p_limit integer, p_window_seconds integer)
  RETURNS TABLE (allowed boolean, retry_after_seconds integer)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    INSERT INTO rate_limit_bucket AS b (key, window_start, hits)
    VALUES (p_key, clock_timestamp(), 1)
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN b.window_start + make_interval(secs => p_window_seconds) <= clock_timestamp()
                          THEN clock_timestamp() ELSE b.window_start END,
      hits         = CASE WHEN b.window_start + make_interval(secs => p_window_seconds) <= clock_timestamp()
                          THEN 1 ELSE b.hits + 1 END
    RETURNING b.hits <= p_limit,
              CASE WHEN b.hits <= p_limit THEN 0
                   ELSE GREATEST(1, ceil(extract(epoch FROM
                          b.window_start + make_interval(secs => p_window_seconds) - clock_timestamp()))::integer)
              END
  $$;

CREATE FUNCTION app_rate_limit_reset(p_key text) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ DELETE FROM rate_limit_bucket WHERE key = p_key $$;

REVOKE ALL ON FUNCTION app_login_lookup(text), app_session_memberships(uuid),
  app_token_authenticate(text), app_org_id_by_slug(text), app_user_id_by_email(text),
  app_rate_limit_hit(text, integer, integer), app_rate_limit_reset(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_login_lookup(text), app_session_memberships(uuid),
  app_token_authenticate(text), app_org_id_by_slug(text), app_user_id_by_email(text),
  app_rate_limit_hit(text, integer, integer), app_rate_limit_reset(text) TO freshplan_app;

-- migrate:down

DROP FUNCTION app_rate_limit_reset(text);
DROP FUNCTION app_rate_limit_hit(text, integer, integer);
DROP FUNCTION app_user_id_by_email(text);
DROP FUNCTION app_org_id_by_slug(text);
DROP FUNCTION app_token_authenticate(text);
DROP FUNCTION app_session_memberships(uuid);
DROP FUNCTION app_login_lookup(text);
DROP TABLE rate_limit_bucket, api_token, membership, app_user, organization;
DROP FUNCTION app_has_role(text);
DROP FUNCTION app_current_user_id();
REVOKE SELECT ON schema_migrations FROM freshplan_app;
REVOKE USAGE ON SCHEMA public FROM freshplan_app;
