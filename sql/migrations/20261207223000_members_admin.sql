-- People and accounts in the UI (issue 16): admins manage their organisation's members.
--
-- * A membership can be deactivated and reactivated (membership.active). A deactivated member is no
--   member for the app: the session's account load, sign-in and the token check leave that
--   organisation out, and once a user has no active membership left, every session of theirs ends
--   (trigger), as a deactivated account's do.
-- * Set-password links (password_token): an invitation or a reset gives the member a link whose
--   token is random and stored only as its SHA-256; it expires and is used once. The public page
--   finds a link by its hash through app_password_token_by_hash (it runs before any organisation is
--   known); using it is an UPDATE by the member themselves (their own row, their own token).
-- * Admins may queue exactly these links' e-mails to the outbox (whose inserts are otherwise the
--   system's), and read when each member last signed in (app_member_last_sign_in), not their sessions.

-- migrate:up

ALTER TABLE membership ADD COLUMN active boolean NOT NULL DEFAULT true;

CREATE TABLE password_token (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL,
  purpose     text NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at > created_at),
  CONSTRAINT password_token_member_fkey FOREIGN KEY (org_id, user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX password_token_member_idx ON password_token (org_id, user_id);

ALTER TABLE password_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_token FORCE ROW LEVEL SECURITY;
-- Admins see their organisation's links; a member their own.
CREATE POLICY password_token_select ON password_token FOR SELECT
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR user_id = app_current_user_id()));
-- Admins issue links, born unused and signed by who issued them (an operator: nobody).
CREATE POLICY password_token_insert_admin ON password_token FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('admin') AND used_at IS NULL
              AND created_by IS NOT DISTINCT FROM app_current_user_id());
-- The member uses their own open link; an admin retires open links when issuing a new one.
CREATE POLICY password_token_update_own ON password_token FOR UPDATE
  USING (org_id = app_current_org_id() AND user_id = app_current_user_id() AND used_at IS NULL)
  WITH CHECK (org_id = app_current_org_id() AND user_id = app_current_user_id() AND used_at IS NOT NULL);
CREATE POLICY password_token_update_admin ON password_token FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('admin') AND used_at IS NULL)
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('admin') AND used_at IS NOT NULL);

GRANT SELECT, INSERT ON password_token TO freshplan_app;
GRANT UPDATE (used_at) ON password_token TO freshplan_app;

-- The set-password link's e-mail, queued by the admin who issued the link, to that link's member.
CREATE POLICY notification_outbox_insert_admin_password ON notification_outbox FOR INSERT
  WITH CHECK (
    org_id = app_current_org_id() AND app_has_role('admin') AND channel = 'EMAIL'
    AND template IN ('member.invitation', 'member.password_reset')
    AND EXISTS (SELECT 1 FROM password_token t
                WHERE t.org_id = app_current_org_id() AND t.id::text = payload ->> 'tokenId'
                  AND t.user_id = notification_outbox.recipient_user_id AND t.used_at IS NULL));

-- The public set-password page: the link behind a token hash, and whether its member may still use it.
CREATE FUNCTION app_password_token_by_hash(p_hash bytea)
  RETURNS TABLE (org_id uuid, token_id uuid, user_id uuid, purpose text, expires_at timestamptz,
                 used_at timestamptz, member_active boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.org_id, t.id, t.user_id, t.purpose, t.expires_at, t.used_at, m.active AND u.active
    FROM password_token t
    JOIN membership m ON m.org_id = t.org_id AND m.user_id = t.user_id
    JOIN app_user u ON u.id = t.user_id
    WHERE t.token_hash = p_hash
  $$;

-- The members page: when each member of the caller's organisation last signed in (anywhere), for
-- its admins only. Sessions themselves stay their user's.
CREATE FUNCTION app_member_last_sign_in()
  RETURNS TABLE (user_id uuid, last_sign_in_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.user_id, max(s.created_at)
    FROM membership m JOIN user_session s ON s.user_id = m.user_id
    WHERE m.org_id = app_current_org_id() AND app_has_role('admin')
    GROUP BY m.user_id
  $$;

REVOKE ALL ON FUNCTION app_password_token_by_hash(bytea), app_member_last_sign_in() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_password_token_by_hash(bytea), app_member_last_sign_in() TO freshplan_app;

-- A user with no active membership left has no organisation to be signed in to: their sessions end.
CREATE FUNCTION app_membership_sessions_end() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.active OR NOT OLD.active) THEN
      RETURN NULL;
    END IF;
    UPDATE user_session SET revoked_at = now(), revoked_reason = 'deactivated'
      WHERE user_id = OLD.user_id AND revoked_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = OLD.user_id AND m.active);
    RETURN NULL;
  END
  $$;
REVOKE ALL ON FUNCTION app_membership_sessions_end() FROM PUBLIC;
CREATE TRIGGER membership_sessions_end AFTER UPDATE OF active OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION app_membership_sessions_end();

-- Sign-in, the account load and the token check: only active memberships count.
CREATE OR REPLACE FUNCTION app_session_start(p_user_id uuid, p_user_agent text, p_lifetime_seconds integer)
  RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_id uuid;
  BEGIN
    DELETE FROM user_session
      WHERE user_id = p_user_id
        AND least(coalesce(revoked_at, 'infinity'), expires_at) < now() - interval '30 days';
    INSERT INTO user_session (user_id, user_agent, expires_at)
      SELECT u.id, left(p_user_agent, 500), now() + make_interval(secs => p_lifetime_seconds)
      FROM app_user u WHERE u.id = p_user_id AND u.active
        AND EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.active)
      RETURNING id INTO v_id;
    RETURN v_id;
  END
  $$;

CREATE OR REPLACE FUNCTION app_session_account(p_user_id uuid, p_session_id uuid)
  RETURNS TABLE (org_id uuid, org_slug text, org_name text, role text, user_name text,
                 user_email text, user_locale text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    UPDATE user_session SET last_seen_at = now()
      WHERE id = p_session_id AND user_id = p_user_id
        AND revoked_at IS NULL AND expires_at > now()
        AND last_seen_at < now() - interval '1 minute';
    RETURN QUERY
      SELECT o.id, o.slug, o.name, m.role, u.name, u.email, u.locale
      FROM user_session s
      JOIN app_user u ON u.id = s.user_id
      JOIN membership m ON m.user_id = u.id AND m.active
      JOIN organization o ON o.id = m.org_id
      WHERE s.id = p_session_id AND s.user_id = p_user_id
        AND s.revoked_at IS NULL AND s.expires_at > now()
        AND u.active
      ORDER BY o.name;
  END
  $$;

CREATE OR REPLACE FUNCTION app_session_memberships(p_user_id uuid)
  RETURNS TABLE (org_id uuid, org_slug text, org_name text, role text, user_name text,
                 user_email text, user_locale text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT o.id, o.slug, o.name, m.role, u.name, u.email, u.locale
    FROM app_user u
    JOIN membership m ON m.user_id = u.id AND m.active
    JOIN organization o ON o.id = m.org_id
    WHERE u.id = p_user_id AND u.active
    ORDER BY o.name
  $$;

CREATE OR REPLACE FUNCTION app_token_lookup(p_token_hash text)
  RETURNS TABLE (token_id uuid, user_id uuid, org_id uuid, org_slug text, role text,
                 last_used_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.id, t.user_id, t.org_id, o.slug, m.role, t.last_used_at
    FROM api_token t
    JOIN membership m ON m.org_id = t.org_id AND m.user_id = t.user_id AND m.active
    JOIN app_user u ON u.id = t.user_id
    JOIN organization o ON o.id = t.org_id
    WHERE t.token_hash = p_token_hash
      AND t.revoked_at IS NULL
      AND (t.expires_at IS NULL OR t.expires_at > now())
      AND u.active
  $$;

-- migrate:down

CREATE OR REPLACE FUNCTION app_token_lookup(p_token_hash text)
  RETURNS TABLE (token_id uuid, user_id uuid, org_id uuid, org_slug text, role text,
                 last_used_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.id, t.user_id, t.org_id, o.slug, m.role, t.last_used_at
    FROM api_token t
    JOIN membership m ON m.org_id = t.org_id AND m.user_id = t.user_id
    JOIN app_user u ON u.id = t.user_id
    JOIN organization o ON o.id = t.org_id
    WHERE t.token_hash = p_token_hash
      AND t.revoked_at IS NULL
      AND (t.expires_at IS NULL OR t.expires_at > now())
      AND u.active
  $$;

CREATE OR REPLACE FUNCTION app_session_memberships(p_user_id uuid)
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

CREATE OR REPLACE FUNCTION app_session_account(p_user_id uuid, p_session_id uuid)
  RETURNS TABLE (org_id uuid, org_slug text, org_name text, role text, user_name text,
                 user_email text, user_locale text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    -- At most one write a minute per session, so "last seen" costs nearly nothing per request.
    UPDATE user_session SET last_seen_at = now()
      WHERE id = p_session_id AND user_id = p_user_id
        AND revoked_at IS NULL AND expires_at > now()
        AND last_seen_at < now() - interval '1 minute';
    RETURN QUERY
      SELECT o.id, o.slug, o.name, m.role, u.name, u.email, u.locale
      FROM user_session s
      JOIN app_user u ON u.id = s.user_id
      JOIN membership m ON m.user_id = u.id
      JOIN organization o ON o.id = m.org_id
      WHERE s.id = p_session_id AND s.user_id = p_user_id
        AND s.revoked_at IS NULL AND s.expires_at > now()
        AND u.active
      ORDER BY o.name;
  END
  $$;

CREATE OR REPLACE FUNCTION app_session_start(p_user_id uuid, p_user_agent text, p_lifetime_seconds integer)
  RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_id uuid;
  BEGIN
    DELETE FROM user_session
      WHERE user_id = p_user_id
        AND least(coalesce(revoked_at, 'infinity'), expires_at) < now() - interval '30 days';
    INSERT INTO user_session (user_id, user_agent, expires_at)
      SELECT u.id, left(p_user_agent, 500), now() + make_interval(secs => p_lifetime_seconds)
      FROM app_user u WHERE u.id = p_user_id AND u.active
      RETURNING id INTO v_id;
    RETURN v_id;
  END
  $$;

DROP TRIGGER membership_sessions_end ON membership;
DROP FUNCTION app_membership_sessions_end();
DROP FUNCTION app_member_last_sign_in();
DROP FUNCTION app_password_token_by_hash(bytea);
DROP POLICY notification_outbox_insert_admin_password ON notification_outbox;
DROP TABLE password_token;
ALTER TABLE membership DROP COLUMN active;
