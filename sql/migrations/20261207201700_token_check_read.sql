-- The token check reads instead of writing (issue 17). app_token_authenticate() marked the token
-- used on every request, so all of one token's concurrent requests queued on its row lock. Now the
-- check is one indexed read (the app caches its verdict for seconds), and "last used" is written by
-- a separate call at most once a minute per token.

-- migrate:up

DROP FUNCTION app_token_authenticate(text);

-- Bearer tokens: the principal behind a token hash, if the token is live, and when it was last
-- marked used.
CREATE FUNCTION app_token_lookup(p_token_hash text)
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

-- Marks a token used, at most once a minute whichever instance asks.
CREATE FUNCTION app_token_touch(p_token_id uuid) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE api_token SET last_used_at = now()
    WHERE id = p_token_id
      AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
  $$;

REVOKE ALL ON FUNCTION app_token_lookup(text), app_token_touch(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_token_lookup(text), app_token_touch(uuid) TO freshplan_app;

-- migrate:down

DROP FUNCTION app_token_touch(uuid);
DROP FUNCTION app_token_lookup(text);

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

REVOKE ALL ON FUNCTION app_token_authenticate(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_token_authenticate(text) TO freshplan_app;
