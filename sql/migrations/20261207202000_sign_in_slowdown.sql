-- migrate:up

-- The sign-in slowdown needs to know how far past its ceiling an account is, so a rate-limit hit
-- also answers the count in its window. Same counting as before; only the answer grows.
DROP FUNCTION app_rate_limit_hit(text, integer, integer);
CREATE FUNCTION app_rate_limit_hit(p_key text, p_limit integer, p_window_seconds integer)
  RETURNS TABLE (allowed boolean, retry_after_seconds integer, hits integer)
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
              END,
              b.hits
  $$;
REVOKE ALL ON FUNCTION app_rate_limit_hit(text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_rate_limit_hit(text, integer, integer) TO freshplan_app;

-- migrate:down

DROP FUNCTION app_rate_limit_hit(text, integer, integer);
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
REVOKE ALL ON FUNCTION app_rate_limit_hit(text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_rate_limit_hit(text, integer, integer) TO freshplan_app;
