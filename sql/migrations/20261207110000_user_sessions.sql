-- Sessions that can end. The session cookie is a signed JWT that nothing can take back, so every
-- sign-in also gets a row here and the JWT carries its id; the account load checks the row on every
-- request. Signing out ends one session; signing out everywhere, a new password and a deactivation
-- end all of a user's sessions, on the next request instead of when the cookie expires.
-- A session belongs to a user, not to an organisation (one sign-in serves all of the user's
-- organisations), so its policies read app.user_id; sign-in and the account load, which run before
-- any organisation is known, go through SECURITY DEFINER functions like the first migration's.

-- migrate:up

CREATE TABLE user_session (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- Moved forward by the account load at most once a minute.
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  user_agent     text CHECK (length(user_agent) <= 500),
  revoked_at     timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('sign_out', 'sign_out_everywhere', 'password_changed', 'deactivated')),
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
  CHECK (expires_at > created_at)
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

ALTER TABLE user_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_session FORCE ROW LEVEL SECURITY;
-- A user sees and ends their own sessions, and nobody else's, whatever the organisation.
CREATE POLICY user_session_own_read ON user_session FOR SELECT
  USING (user_id = app_current_user_id());
CREATE POLICY user_session_own_revoke ON user_session FOR UPDATE
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id() AND revoked_at IS NOT NULL);

GRANT SELECT ON user_session TO freshplan_app;
GRANT UPDATE (revoked_at, revoked_reason) ON user_session TO freshplan_app;

-- Sign-in: a new session for a user whose credentials were just checked; NULL when the account is
-- not active. Also drops the user's sessions that ended more than 30 days ago, so the table keeps
-- only what "last seen" and an investigation need.
CREATE FUNCTION app_session_start(p_user_id uuid, p_user_agent text, p_lifetime_seconds integer)
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

-- Every request: the session's user, if the session is live and the user active, with the
-- organisations they may enter (the columns of app_session_memberships, in one indexed read).
CREATE FUNCTION app_session_account(p_user_id uuid, p_session_id uuid)
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

REVOKE ALL ON FUNCTION app_session_start(uuid, text, integer), app_session_account(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session_start(uuid, text, integer), app_session_account(uuid, uuid)
  TO freshplan_app;

-- A new password (reset by an operator, changed by the user, or set by any other path) and a
-- deactivation end every session of the user, in the transaction that makes the change.
CREATE FUNCTION app_user_sessions_end() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    UPDATE user_session
      SET revoked_at = now(),
          revoked_reason = CASE WHEN NEW.active THEN 'password_changed' ELSE 'deactivated' END
      WHERE user_id = NEW.id AND revoked_at IS NULL;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER app_user_sessions_end
  AFTER UPDATE OF password_hash, active ON app_user
  FOR EACH ROW
  WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash OR (OLD.active AND NOT NEW.active))
  EXECUTE FUNCTION app_user_sessions_end();

-- migrate:down

DROP TRIGGER app_user_sessions_end ON app_user;
DROP FUNCTION app_user_sessions_end();
DROP FUNCTION app_session_account(uuid, uuid);
DROP FUNCTION app_session_start(uuid, text, integer);
DROP TABLE user_session;
