--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: app_ai_budget_notify(date, numeric); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_ai_budget_notify(p_month date, p_cap_eur numeric) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  DECLARE
    v_org       uuid := app_current_org_id();
    v_spent     numeric;
    v_reserved  numeric;
    v_threshold integer;
    v_rows      integer;
    v_count     integer := 0;
  BEGIN
    IF v_org IS NULL THEN
      RAISE EXCEPTION 'app_ai_budget_notify() needs an organisation context' USING ERRCODE = '42501';
    END IF;
    IF p_cap_eur IS NULL OR p_cap_eur <= 0 THEN
      RETURN 0;   -- no budget to speak of: a zero cap refuses every paid call, no alarm needed
    END IF;
    SELECT b.spent_eur, b.reserved_eur INTO v_spent, v_reserved
      FROM ai_budget_org_month b WHERE b.org_id = v_org AND b.month = p_month;
    FOREACH v_threshold IN ARRAY ARRAY[80, 100] LOOP
      CONTINUE WHEN v_spent IS NULL OR v_spent + v_reserved < p_cap_eur * v_threshold / 100;
      INSERT INTO notification_outbox (org_id, recipient_user_id, channel, template, payload, dedupe_key)
      SELECT v_org, m.user_id, c.channel, 'ai.budget.threshold',
             jsonb_build_object('month', to_char(p_month, 'YYYY-MM'), 'threshold', v_threshold,
                                'capEur', p_cap_eur, 'spentEur', v_spent, 'reservedEur', v_reserved),
             'ai.budget:' || to_char(p_month, 'YYYY-MM') || ':' || v_threshold
      FROM membership m
      JOIN app_user u ON u.id = m.user_id AND u.active
      CROSS JOIN (VALUES ('EMAIL'), ('INAPP')) AS c (channel)
      WHERE m.org_id = v_org AND m.role = 'admin'
      ON CONFLICT ON CONSTRAINT notification_outbox_once DO NOTHING;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      v_count := v_count + v_rows;
    END LOOP;
    RETURN v_count;
  END
  $$;


--
-- Name: app_ai_overseer(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_ai_overseer() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(app_has_role('admin') OR app_has_role('manager') OR app_has_role('auditor')
                        OR app_has_role('system'), false) $$;


--
-- Name: app_ai_spender(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_ai_spender() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(app_has_role('admin') OR app_has_role('manager') OR app_has_role('sales')
                        OR app_has_role('system'), false) $$;


--
-- Name: app_audit_chain_lengths(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_audit_chain_lengths() RETURNS TABLE(org_id uuid, events bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ SELECT a.org_id, count(*) FROM audit_event a GROUP BY a.org_id $$;


--
-- Name: app_audit_genesis(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_audit_genesis() RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT repeat('0', 64) $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: audit_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_event (
    id bigint NOT NULL,
    org_id uuid,
    actor_type text NOT NULL,
    actor_id text,
    action text NOT NULL,
    resource_type text NOT NULL,
    resource_id text,
    before jsonb,
    after jsonb,
    request_id text,
    ip text,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    prev_hash text DEFAULT ''::text NOT NULL,
    hash text DEFAULT ''::text NOT NULL,
    CONSTRAINT audit_event_action_check CHECK ((action ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'::text)),
    CONSTRAINT audit_event_actor_type_check CHECK ((actor_type = ANY (ARRAY['user'::text, 'token'::text, 'system'::text, 'feedback_link'::text])))
);

ALTER TABLE ONLY public.audit_event FORCE ROW LEVEL SECURITY;


--
-- Name: app_audit_hash(public.audit_event); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_audit_hash(e public.audit_event) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT encode(sha256(convert_to(concat_ws('|',
      e.prev_hash, e.id::text, coalesce(e.org_id::text, '-'), e.actor_type, coalesce(e.actor_id, '-'),
      e.action, e.resource_type, coalesce(e.resource_id, '-'), coalesce(e.before::text, '-'),
      coalesce(e.after::text, '-'), coalesce(e.request_id, '-'), coalesce(e.ip, '-'),
      to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
    ), 'UTF8')), 'hex')
  $$;


--
-- Name: app_audit_heads(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_audit_heads() RETURNS TABLE(org_id uuid, org_slug text, event_id bigint, hash text, sealed_since bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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


--
-- Name: app_audit_link(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_audit_link() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
  BEGIN
    -- One writer per chain at a time; released at commit or rollback.
    PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || coalesce(NEW.org_id::text, '-'), 0));
    -- The id drawn when the INSERT began may be older than one a concurrent writer already linked;
    -- drawing it again under the lock keeps ids, links and times in the order of appending, which
    -- app_audit_verify() walks. (Ids have gaps; nothing relies on them being dense.)
    NEW.id := nextval(pg_get_serial_sequence('public.audit_event', 'id'));
    NEW.created_at := clock_timestamp();
    IF NEW.org_id IS NULL THEN
      SELECT a.hash INTO NEW.prev_hash FROM audit_event a WHERE a.org_id IS NULL ORDER BY a.id DESC LIMIT 1;
    ELSE
      SELECT a.hash INTO NEW.prev_hash FROM audit_event a WHERE a.org_id = NEW.org_id ORDER BY a.id DESC LIMIT 1;
    END IF;
    NEW.prev_hash := coalesce(NEW.prev_hash, app_audit_genesis());
    NEW.hash := app_audit_hash(NEW);
    RETURN NEW;
  END
  $$;


--
-- Name: app_audit_refuse_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = '42501'; END $$;


--
-- Name: app_audit_sealed_page(bigint, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_audit_sealed_page(p_after bigint, p_limit integer) RETURNS TABLE(org_id uuid, event_id bigint, hash text, key_ids text[], macs text[])
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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


--
-- Name: app_audit_verify(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_audit_verify() RETURNS TABLE(org_id uuid, event_id bigint, problem text, checked bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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


--
-- Name: app_can_configure_samples(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_can_configure_samples(p_lead uuid) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT NOT app_has_role('auditor')
       AND (app_can_write_lead(p_lead) OR app_is_collaborator(p_lead, ARRAY['NEGOTIATE']))
  $$;


--
-- Name: app_can_log_activity(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_can_log_activity(p_lead uuid) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT NOT app_has_role('auditor')
       AND (app_can_write_lead(p_lead) OR app_is_collaborator(p_lead, ARRAY['ASSIST', 'NEGOTIATE']))
  $$;


--
-- Name: app_can_read_lead(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_can_read_lead(p_lead uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE
    AS $$
  BEGIN
    RETURN (
      SELECT app_is_lead_manager() OR app_has_role('auditor')
          OR CASE WHEN NULLIF(current_setting('app.now', true), '') IS NULL
                  THEN EXISTS (SELECT 1 FROM lead_assignment a
                               WHERE a.lead_id = p_lead AND a.released_at IS NULL
                                 AND a.org_id = app_current_org_id()
                                 AND a.owner_user_id = app_current_user_id() AND now() < a.expires_at)
                  ELSE app_is_protected_owner(p_lead) END
          OR app_is_collaborator(p_lead, ARRAY['VIEW', 'ASSIST', 'NEGOTIATE'])
    );
  END
  $$;


--
-- Name: app_can_write_lead(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_can_write_lead(p_lead uuid) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT NOT app_has_role('auditor') AND (app_is_lead_manager() OR app_is_protected_owner(p_lead)) $$;


--
-- Name: app_clock_moment(timestamp with time zone, timestamp with time zone, tstzmultirange); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_clock_moment(p_deadline timestamp with time zone, p_now timestamp with time zone, p_holds tstzmultirange) RETURNS timestamp with time zone
    LANGUAGE plpgsql IMMUTABLE
    AS $$
  DECLARE
    v_remaining interval := p_deadline - p_now;
    v_cursor    timestamptz := p_now;
    v_span      tstzrange;
  BEGIN
    IF p_deadline IS NULL OR v_remaining <= interval '0' THEN
      RETURN p_deadline;
    END IF;
    FOR v_span IN SELECT r FROM unnest(coalesce(p_holds, '{}'::tstzmultirange)) AS r ORDER BY lower(r) LOOP
      IF lower(v_span) - v_cursor >= v_remaining THEN
        RETURN v_cursor + v_remaining;
      END IF;
      v_remaining := v_remaining - (lower(v_span) - v_cursor);
      IF upper_inf(v_span) THEN
        RETURN 'infinity';
      END IF;
      v_cursor := upper(v_span);
    END LOOP;
    RETURN v_cursor + v_remaining;
  END
  $$;


--
-- Name: app_current_org_id(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_current_org_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$;


--
-- Name: app_current_user_id(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_current_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;


--
-- Name: app_days(numeric); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_days(p_days numeric) RETURNS interval
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT make_interval(secs => p_days * 86400) $$;


--
-- Name: app_feedback_link_by_hash(bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_feedback_link_by_hash(p_hash bytea) RETURNS TABLE(org_id uuid, link_id uuid, expires_at timestamp with time zone, revoked_at timestamp with time zone, submitted_at timestamp with time zone, contact jsonb)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT l.org_id, l.id, l.expires_at, l.revoked_at, l.submitted_at,
           (SELECT v.value FROM setting_value v
            WHERE v.key = 'samples.feedback.contact'
              AND ((v.scope = 'org' AND v.org_id = l.org_id) OR v.scope = 'global')
            ORDER BY v.scope = 'org' DESC LIMIT 1)
    FROM feedback_link l WHERE l.token_hash = p_hash
  $$;


--
-- Name: app_has_role(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_has_role(p_role text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT p_role = ANY (string_to_array(NULLIF(current_setting('app.roles', true), ''), ',')) $$;


--
-- Name: app_help_document(text, text, text[], text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_help_document(p_locale text, p_title text, p_tags text[], p_body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT setweight(to_tsvector(c.config, p_title), 'A')
        || setweight(to_tsvector(c.config, array_to_string(p_tags, ' ')), 'B')
        || setweight(to_tsvector(c.config, p_body), 'C')
    FROM (SELECT CASE p_locale WHEN 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END AS config) c
  $$;


--
-- Name: app_help_learn_words(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_help_learn_words() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  BEGIN
    INSERT INTO help_word (org_id, space, word)
    SELECT DISTINCT n.org_id, n.space, w.word
    FROM new_rows n, LATERAL app_help_words(n.title, n.tags, n.body_md) AS w (word)
    WHERE n.status = 'PUBLISHED'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;


--
-- Name: app_help_may_read(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_help_may_read(p_space text, p_status text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT (p_space = 'enduser' AND p_status = 'PUBLISHED') OR public.app_is_lead_manager() $$;


--
-- Name: app_help_words(text, text[], text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_help_words(p_title text, p_tags text[], p_body text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT DISTINCT t.lexeme
    FROM unnest(to_tsvector('simple'::regconfig,
                            p_title || ' ' || array_to_string(p_tags, ' ') || ' ' || p_body)) AS t
    WHERE length(t.lexeme) BETWEEN 3 AND 40 AND t.lexeme !~ '[0-9_./@:]'
  $$;


--
-- Name: app_idempotency_cleanup(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_idempotency_cleanup() RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    WITH gone AS (DELETE FROM idempotency_key WHERE expires_at <= now() RETURNING 1)
    SELECT count(*)::integer FROM gone
  $$;


--
-- Name: app_is_collaborator(uuid, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_is_collaborator(p_lead uuid, p_roles text[]) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    RETURN (
      SELECT EXISTS (
        SELECT 1 FROM lead_collaborator c
        WHERE c.lead_id = p_lead AND c.user_id = app_current_user_id() AND c.role = ANY (p_roles)
          AND c.org_id = app_current_org_id()
      )
    );
  END
  $$;


--
-- Name: app_is_lead_manager(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_is_lead_manager() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT string_to_array(NULLIF(current_setting('app.roles', true), ''), ',')
           && ARRAY['manager', 'admin', 'system']
  $$;


--
-- Name: app_is_own_registration(uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_is_own_registration(p_lead uuid, p_assigned_at timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT EXISTS (
      SELECT 1 FROM lead l
      WHERE l.id = p_lead
        AND l.org_id = app_current_org_id()
        AND l.created_by = app_current_user_id()
        AND p_assigned_at BETWEEN l.created_at - interval '5 minutes' AND now() + interval '5 minutes'
        AND NOT EXISTS (SELECT 1 FROM lead_assignment a WHERE a.org_id = l.org_id AND a.lead_id = l.id)
    )
  $$;


--
-- Name: app_is_protected_owner(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_is_protected_owner(p_lead uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    RETURN (
      SELECT CASE
        WHEN NULLIF(current_setting('app.now', true), '') IS NULL THEN EXISTS (
          SELECT 1 FROM lead_assignment a
          WHERE a.lead_id = p_lead AND a.released_at IS NULL
            AND a.owner_user_id = app_current_user_id()
            AND a.org_id = app_current_org_id()
            AND now() < a.expires_at
        )
        ELSE EXISTS (
          SELECT 1 FROM app_lead_protection_of(p_lead, app_now()) p
          WHERE p.owner_user_id = app_current_user_id() AND p.status <> 'EXPIRED'
        )
      END
    );
  END
  $$;


--
-- Name: app_job_org_ids(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_job_org_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    IF NOT coalesce(app_has_role('system'), false) THEN
      RAISE EXCEPTION 'app_job_org_ids() answers only the job runner''s system context'
        USING ERRCODE = '42501';
    END IF;
    RETURN QUERY SELECT o.id FROM organization o ORDER BY o.id;
  END
  $$;


--
-- Name: app_lead_activity_kinds(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_activity_kinds() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT public.app_lead_qualifying_kinds() || ARRAY['NOTE', 'EMAIL_SENT'] $$;


--
-- Name: app_lead_assignment_created_at(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_assignment_created_at() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    NEW.lead_created_at := (SELECT l.created_at FROM lead l WHERE l.org_id = NEW.org_id AND l.id = NEW.lead_id);
    RETURN NEW;
  END
  $$;


--
-- Name: app_lead_created_at_sync(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_created_at_sync() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    UPDATE lead_assignment SET lead_created_at = NEW.created_at WHERE org_id = NEW.org_id AND lead_id = NEW.id;
    RETURN NULL;
  END
  $$;


--
-- Name: app_lead_due_moments_of(uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_due_moments_of(p_lead uuid, p_now timestamp with time zone) RETURNS TABLE(progress_due_at timestamp with time zone, grace_due_at timestamp with time zone, expires_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    WITH holds AS (
      SELECT range_agg(tstzrange(greatest(h.start_at, p_now), coalesce(h.end_at, 'infinity'), '[)')) AS spans
      FROM lead_hold h
      WHERE h.lead_id = p_lead
        AND h.org_id = app_current_org_id()
        AND coalesce(h.end_at, 'infinity') > p_now
    )
    SELECT app_clock_moment(p.progress_until, p_now, holds.spans),
           app_clock_moment(p.valid_until, p_now, holds.spans),
           app_clock_moment(p.grace_until, p_now, holds.spans)
    FROM app_lead_protection_of(p_lead, p_now) p, holds
  $$;


--
-- Name: app_lead_duplicates(text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_duplicates(p_company text, p_city text, p_email text) RETURNS TABLE(lead_id uuid, company_name text, city text, match text, similarity double precision, protected_since timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    WITH me AS (
      SELECT app_current_org_id() AS org_id,
             app_name_key(p_company) AS company_key, app_name_key(p_city) AS city_key,
             lower(btrim(p_email)) AS email
    ),
    candidates AS (
      SELECT l.id, l.company_name, l.city,
             CASE WHEN l.contact_email = me.email
                    OR (l.company_key = me.company_key AND l.city_key = me.city_key) THEN 'EXACT'
                  ELSE 'SIMILAR' END AS match,
             app_trigram_similarity(l.company_key, me.company_key) AS similarity,
             (SELECT a.assigned_at FROM lead_assignment a
              WHERE a.lead_id = l.id AND a.org_id = me.org_id AND a.released_at IS NULL
                AND CASE WHEN NULLIF(current_setting('app.now', true), '') IS NULL THEN now() < a.expires_at
                         ELSE EXISTS (SELECT 1 FROM app_lead_protection_of(l.id, app_now()) p
                                      WHERE p.status <> 'EXPIRED') END) AS protected_since
      FROM lead l, me
      WHERE l.org_id = me.org_id
        AND ((me.email IS NOT NULL AND l.contact_email = me.email) OR l.city_key = me.city_key)
    )
    SELECT id, company_name, city, match, similarity, protected_since FROM candidates
    WHERE match = 'EXACT' OR similarity >= 0.5
    ORDER BY match, protected_since IS NULL, similarity DESC
    LIMIT 10
  $$;


--
-- Name: app_lead_expiry_of(uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_expiry_of(p_lead uuid, p_now timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ SELECT m.expires_at FROM app_lead_due_moments_of(p_lead, p_now) m $$;


--
-- Name: app_lead_expiry_settings_trigger(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_expiry_settings_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    PERFORM app_lead_refresh_expiry(a.lead_id) FROM lead_assignment a WHERE a.released_at IS NULL;
    RETURN NULL;
  END
  $$;


--
-- Name: app_lead_expiry_trigger(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_expiry_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      PERFORM app_lead_refresh_expiry(OLD.lead_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.lead_id IS DISTINCT FROM OLD.lead_id) THEN
      PERFORM app_lead_refresh_expiry(NEW.lead_id);
    END IF;
    RETURN NULL;
  END
  $$;


--
-- Name: app_lead_paused(uuid, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_paused(p_lead uuid, p_anchor timestamp with time zone, p_now timestamp with time zone) RETURNS interval
    LANGUAGE plpgsql STABLE
    AS $$
  BEGIN
    RETURN (
      SELECT make_interval(secs => coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0))
      FROM unnest((
        SELECT range_agg(tstzrange(greatest(h.start_at, p_anchor), least(coalesce(h.end_at, p_now), p_now), '[)'))
        FROM lead_hold h
        WHERE h.lead_id = p_lead
          AND h.org_id = app_current_org_id()
          AND greatest(h.start_at, p_anchor) < least(coalesce(h.end_at, p_now), p_now)
      )) AS r
    );
  END
  $$;


--
-- Name: app_lead_protection_config(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_protection_config() RETURNS TABLE(base_months integer, progress_days integer, grace_days integer, mode text, warning_days integer)
    LANGUAGE plpgsql STABLE
    AS $$
  #variable_conflict use_column
  BEGIN
    RETURN QUERY
      SELECT
        coalesce((SELECT (value #>> '{}')::integer FROM setting_value
                  WHERE scope = 'global' AND key = 'lead.protection.baseMonths'), 6),
        coalesce((SELECT (value #>> '{}')::integer FROM setting_value
                  WHERE scope = 'global' AND key = 'lead.protection.progressDays'), 60),
        coalesce((SELECT (value #>> '{}')::integer FROM setting_value
                  WHERE scope = 'global' AND key = 'lead.protection.graceDays'), 10),
        coalesce((SELECT value #>> '{}' FROM setting_value
                  WHERE scope = 'global' AND key = 'lead.protection.mode'), 'GREATEST'),
        coalesce((SELECT (value #>> '{}')::integer FROM setting_value
                  WHERE scope = 'global' AND key = 'lead.protection.warningDays'), 7);
  END
  $$;


--
-- Name: app_lead_protection_counts(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_protection_counts(p_now timestamp with time zone) RETURNS TABLE(org_id uuid, owner_user_id uuid, status text, due_soon boolean, leads integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    IF p_now >= now() - interval '5 minutes' THEN
      RETURN QUERY SELECT * FROM app_lead_protection_counts_cached(p_now);
    ELSE
      RETURN QUERY SELECT * FROM app_lead_protection_counts_full(p_now);
    END IF;
  END
  $$;


--
-- Name: app_lead_protection_counts_cached(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_protection_counts_cached(p_now timestamp with time zone) RETURNS TABLE(org_id uuid, owner_user_id uuid, status text, due_soon boolean, leads integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET "app.org_id" TO ''
    AS $$
  #variable_conflict use_column
  DECLARE
    v_org uuid;
    v_warning interval := (SELECT app_days(c.warning_days) FROM app_lead_protection_config() c);
  BEGIN
    FOR v_org IN SELECT o.id FROM organization o ORDER BY o.id LOOP
      PERFORM set_config('app.org_id', v_org::text, true);
      RETURN QUERY
        WITH cur AS MATERIALIZED (
          SELECT a.lead_id, a.owner_user_id, a.grace_due_at, a.expires_at,
                 EXISTS (SELECT 1 FROM lead_hold h
                         WHERE h.lead_id = a.lead_id AND h.org_id = v_org
                           AND coalesce(h.end_at, 'infinity') > p_now) AS clock_may_stop
          FROM lead_assignment a
          WHERE a.org_id = v_org AND a.released_at IS NULL
        ),
        classified AS (
          SELECT c.owner_user_id,
                 CASE WHEN p_now >= c.expires_at THEN 'EXPIRED'
                      WHEN p_now >= c.grace_due_at THEN 'GRACE'
                      ELSE 'ACTIVE' END AS status,
                 coalesce(p_now < c.grace_due_at AND c.grace_due_at - p_now <= v_warning, false) AS due_soon
          FROM cur c WHERE NOT c.clock_may_stop
          UNION ALL
          SELECT p.owner_user_id, p.status, p.due_soon
          FROM cur c CROSS JOIN LATERAL app_lead_protection_of(c.lead_id, p_now) p
          WHERE c.clock_may_stop
        )
        SELECT v_org, k.owner_user_id, k.status, k.due_soon, count(*)::integer
        FROM classified k
        GROUP BY k.owner_user_id, k.status, k.due_soon;
    END LOOP;
  END
  $$;


--
-- Name: app_lead_protection_counts_full(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_protection_counts_full(p_now timestamp with time zone) RETURNS TABLE(org_id uuid, owner_user_id uuid, status text, due_soon boolean, leads integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET "app.org_id" TO ''
    AS $$
  #variable_conflict use_column
  DECLARE
    v_org uuid;
  BEGIN
    FOR v_org IN SELECT o.id FROM organization o ORDER BY o.id LOOP
      PERFORM set_config('app.org_id', v_org::text, true);
      RETURN QUERY
        SELECT l.org_id, p.owner_user_id, p.status, p.due_soon, count(*)::integer
        FROM lead l CROSS JOIN LATERAL app_lead_protection_of(l.id, p_now) p
        WHERE l.org_id = v_org
        GROUP BY l.org_id, p.owner_user_id, p.status, p.due_soon;
    END LOOP;
  END
  $$;


--
-- Name: app_lead_protection_of(uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_protection_of(p_lead uuid, p_now timestamp with time zone) RETURNS TABLE(assignment_id uuid, owner_user_id uuid, assigned_at timestamp with time zone, last_qual_activity_at timestamp with time zone, last_progress_at timestamp with time zone, extension_days integer, paused_since_assigned interval, paused_since_progress interval, base_until timestamp with time zone, progress_until timestamp with time zone, valid_until timestamp with time zone, grace_until timestamp with time zone, status text, due_soon boolean, reminder_due_at timestamp with time zone, mode text, hold_open boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  #variable_conflict use_column
  BEGIN
    RETURN QUERY
      WITH cfg AS (SELECT * FROM app_lead_protection_config()),
      a AS (
        SELECT a.id, a.org_id, a.owner_user_id, a.assigned_at
        FROM lead_assignment a JOIN lead l ON l.org_id = a.org_id AND l.id = a.lead_id
        WHERE a.lead_id = p_lead AND a.released_at IS NULL
          AND l.org_id = app_current_org_id()
      ),
      facts AS MATERIALIZED (
        SELECT a.*,
          (SELECT max(act.at) FROM lead_activity act
            WHERE act.lead_id = p_lead AND act.org_id = a.org_id
              AND act.kind = ANY (app_lead_qualifying_kinds())
              AND act.at >= a.assigned_at AND act.at <= p_now) AS last_qual,
          (SELECT coalesce(sum(r.days), 0)::integer FROM lead_extension_request r
            WHERE r.assignment_id = a.id AND r.org_id = a.org_id AND r.status = 'APPROVED') AS ext_days,
          EXISTS (SELECT 1 FROM lead_hold h
            WHERE h.lead_id = p_lead AND h.org_id = a.org_id
              AND h.start_at <= p_now AND (h.end_at IS NULL OR h.end_at > p_now)) AS hold_open
        FROM a
      ),
      -- MATERIALIZED: each step is computed once; inlined, the planner would copy every expression
      -- into each use of it downstream, and planning time would explode.
      paused AS MATERIALIZED (
        SELECT f.*, coalesce(f.last_qual, f.assigned_at) AS last_progress,
          app_lead_paused(p_lead, f.assigned_at, p_now) AS paused_a,
          app_lead_paused(p_lead, coalesce(f.last_qual, f.assigned_at), p_now) AS paused_p
        FROM facts f
      ),
      deadlines AS MATERIALIZED (
        SELECT p.*, cfg.*,
          ((p.assigned_at AT TIME ZONE 'UTC') + make_interval(months => cfg.base_months)) AT TIME ZONE 'UTC'
            + app_days(p.ext_days) + p.paused_a AS base_until,
          p.last_progress + app_days(cfg.progress_days) + p.paused_p AS progress_until
        FROM paused p, cfg
      ),
      valid AS MATERIALIZED (
        SELECT d.*,
          CASE WHEN d.mode = 'LEAST' THEN least(d.base_until, d.progress_until)
               ELSE greatest(d.base_until, d.progress_until) END AS valid_until
        FROM deadlines d
      )
      SELECT v.id, v.owner_user_id, v.assigned_at, v.last_qual, v.last_progress, v.ext_days,
        v.paused_a, v.paused_p, v.base_until, v.progress_until, v.valid_until,
        v.valid_until + app_days(v.grace_days),
        CASE WHEN p_now < v.valid_until THEN 'ACTIVE'
             WHEN p_now < v.valid_until + app_days(v.grace_days) THEN 'GRACE'
             ELSE 'EXPIRED' END,
        p_now < v.valid_until AND v.valid_until - p_now <= app_days(v.warning_days),
        CASE WHEN v.progress_until > p_now THEN least(v.progress_until, v.valid_until)
             WHEN v.valid_until > p_now THEN v.valid_until END,
        v.mode, v.hold_open
      FROM valid v;
  END
  $$;


--
-- Name: app_lead_protection_summary(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_protection_summary() RETURNS TABLE(owner_user_id uuid, status text, due_soon boolean, leads integer, as_of timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT s.owner_user_id, s.status, s.due_soon, s.leads, s.as_of
    FROM mv_lead_protection_summary s
    WHERE s.org_id = app_current_org_id()
      AND (app_is_lead_manager() OR app_has_role('auditor') OR s.owner_user_id = app_current_user_id())
    ORDER BY s.owner_user_id, s.status, s.due_soon
  $$;


--
-- Name: app_lead_qualifying_kinds(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_qualifying_kinds() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ARRAY['QUALIFIED_CALL', 'CUSTOMER_REACTION', 'SCHEDULED_FOLLOWUP', 'SAMPLE_FEEDBACK',
                     'ROI_PRESENTATION'] $$;


--
-- Name: app_lead_refresh_expiry(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_lead_refresh_expiry(p_lead uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  DECLARE
    v_org uuid;
    v_saved text := current_setting('app.org_id', true);
  BEGIN
    SELECT org_id INTO v_org FROM lead WHERE id = p_lead;
    IF v_org IS NULL THEN
      RETURN;
    END IF;
    PERFORM set_config('app.org_id', v_org::text, true);
    UPDATE lead_assignment a
      SET progress_due_at = m.progress_due_at, grace_due_at = m.grace_due_at, expires_at = m.expires_at
      FROM (SELECT * FROM app_lead_due_moments_of(p_lead, now())) m
      WHERE a.org_id = v_org AND a.lead_id = p_lead AND a.released_at IS NULL;
    PERFORM set_config('app.org_id', coalesce(v_saved, ''), true);
  END
  $$;


--
-- Name: app_login_lookup(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_login_lookup(p_email text) RETURNS TABLE(user_id uuid, password_hash text, active boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT u.id, u.password_hash, u.active FROM app_user u WHERE u.email = lower(btrim(p_email))
  $$;


--
-- Name: app_member_last_sign_in(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_member_last_sign_in() RETURNS TABLE(user_id uuid, last_sign_in_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT m.user_id, max(s.created_at)
    FROM membership m JOIN user_session s ON s.user_id = m.user_id
    WHERE m.org_id = app_current_org_id() AND app_has_role('admin')
    GROUP BY m.user_id
  $$;


--
-- Name: app_membership_sessions_end(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_membership_sessions_end() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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


--
-- Name: app_name_key(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_name_key(p_name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT regexp_replace(
      regexp_replace(
        translate(replace(replace(replace(replace(lower(p_name), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
                  'àáâèéêìíîòóôùúûç', 'aaaeeeiiiooouuuc'),
        '\m(gmbh|mbh|ag|kg|ohg|ug|haftungsbeschraenkt|e\.?\s?k|e\.?\s?v|co|kgaa|se|gbr|ltd|inc)\M', '', 'g'),
      '[^a-z0-9]', '', 'g')
  $$;


--
-- Name: app_now(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_now() RETURNS timestamp with time zone
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(NULLIF(current_setting('app.now', true), '')::timestamptz, now()) $$;


--
-- Name: app_org_id_by_slug(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_org_id_by_slug(p_slug text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ SELECT id FROM organization WHERE slug = p_slug $$;


--
-- Name: app_password_token_by_hash(bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_password_token_by_hash(p_hash bytea) RETURNS TABLE(org_id uuid, token_id uuid, user_id uuid, purpose text, expires_at timestamp with time zone, used_at timestamp with time zone, member_active boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT t.org_id, t.id, t.user_id, t.purpose, t.expires_at, t.used_at, m.active AND u.active
    FROM password_token t
    JOIN membership m ON m.org_id = t.org_id AND m.user_id = t.user_id
    JOIN app_user u ON u.id = t.user_id
    WHERE t.token_hash = p_hash
  $$;


--
-- Name: app_rate_limit_cleanup(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_rate_limit_cleanup(p_older_than_seconds integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  DECLARE
    deleted integer;
  BEGIN
    IF NOT coalesce(app_has_role('system'), false) THEN
      RAISE EXCEPTION 'app_rate_limit_cleanup() runs only in the job runner''s system context'
        USING ERRCODE = '42501';
    END IF;
    IF p_older_than_seconds IS NULL OR p_older_than_seconds < 60 THEN
      RAISE EXCEPTION 'p_older_than_seconds must be at least 60, got %', p_older_than_seconds
        USING ERRCODE = '22023';
    END IF;
    DELETE FROM rate_limit_bucket
      WHERE window_start + make_interval(secs => p_older_than_seconds) <= clock_timestamp();
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
  END
  $$;


--
-- Name: app_rate_limit_hit(text, integer, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_rate_limit_hit(p_key text, p_limit integer, p_window_seconds integer) RETURNS TABLE(allowed boolean, retry_after_seconds integer, hits integer)
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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


--
-- Name: app_rate_limit_reset(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_rate_limit_reset(p_key text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ DELETE FROM rate_limit_bucket WHERE key = p_key $$;


--
-- Name: app_refresh_lead_summary(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_refresh_lead_summary() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    IF app_current_org_id() IS NULL AND NOT coalesce(app_has_role('system'), false) THEN
      RAISE EXCEPTION 'app_refresh_lead_summary() needs an organisation or the system context'
        USING ERRCODE = '42501';
    END IF;
    REFRESH MATERIALIZED VIEW CONCURRENTLY mv_lead_protection_summary;
  END
  $$;


--
-- Name: app_session_account(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_session_account(p_user_id uuid, p_session_id uuid) RETURNS TABLE(org_id uuid, org_slug text, org_name text, role text, user_name text, user_email text, user_locale text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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


--
-- Name: app_session_memberships(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_session_memberships(p_user_id uuid) RETURNS TABLE(org_id uuid, org_slug text, org_name text, role text, user_name text, user_email text, user_locale text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT o.id, o.slug, o.name, m.role, u.name, u.email, u.locale
    FROM app_user u
    JOIN membership m ON m.user_id = u.id AND m.active
    JOIN organization o ON o.id = m.org_id
    WHERE u.id = p_user_id AND u.active
    ORDER BY o.name
  $$;


--
-- Name: app_session_start(uuid, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_session_start(p_user_id uuid, p_user_agent text, p_lifetime_seconds integer) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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


--
-- Name: app_token_lookup(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_token_lookup(p_token_hash text) RETURNS TABLE(token_id uuid, user_id uuid, org_id uuid, org_slug text, role text, last_used_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
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


--
-- Name: app_token_touch(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_token_touch(p_token_id uuid) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    UPDATE api_token SET last_used_at = now()
    WHERE id = p_token_id
      AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
  $$;


--
-- Name: app_trigram_similarity(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_trigram_similarity(a text, b text) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    WITH ta AS (
      SELECT DISTINCT substr('  ' || a || ' ', i, 3) AS g
      FROM generate_series(1, length(a) + 1) AS i
    ),
    tb AS (
      SELECT DISTINCT substr('  ' || b || ' ', i, 3) AS g
      FROM generate_series(1, length(b) + 1) AS i
    )
    SELECT CASE WHEN (SELECT count(*) FROM (SELECT g FROM ta UNION SELECT g FROM tb) u) = 0 THEN 0
                ELSE (SELECT count(*) FROM ta JOIN tb USING (g))::double precision
                     / (SELECT count(*) FROM (SELECT g FROM ta UNION SELECT g FROM tb) u) END
  $$;


--
-- Name: app_user_id_by_email(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_user_id_by_email(p_email text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ SELECT id FROM app_user WHERE email = lower(btrim(p_email)) $$;


--
-- Name: app_user_sessions_end(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_user_sessions_end() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
  BEGIN
    UPDATE user_session
      SET revoked_at = now(),
          revoked_reason = CASE WHEN NEW.active THEN 'password_changed' ELSE 'deactivated' END
      WHERE user_id = NEW.id AND revoked_at IS NULL;
    RETURN NULL;
  END
  $$;


--
-- Name: app_webhook_connection(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.app_webhook_connection(p_connection_id uuid, p_provider text) RETURNS TABLE(org_id uuid, secrets bytea, key_id text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT c.org_id, c.secrets, c.key_id FROM integration_connection c
    WHERE c.id = p_connection_id AND c.provider = p_provider AND c.enabled
  $$;


--
-- Name: ai_budget_org_month; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ai_budget_org_month (
    org_id uuid NOT NULL,
    month date NOT NULL,
    spent_eur numeric(18,8) DEFAULT 0 NOT NULL,
    reserved_eur numeric(18,8) DEFAULT 0 NOT NULL,
    CONSTRAINT ai_budget_org_month_month_check CHECK ((month = (date_trunc('month'::text, (month)::timestamp with time zone))::date)),
    CONSTRAINT ai_budget_org_month_reserved_eur_check CHECK ((reserved_eur >= (0)::numeric)),
    CONSTRAINT ai_budget_org_month_spent_eur_check CHECK ((spent_eur >= (0)::numeric))
);

ALTER TABLE ONLY public.ai_budget_org_month FORCE ROW LEVEL SECURITY;


--
-- Name: ai_budget_reservation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ai_budget_reservation (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    user_id uuid,
    month date NOT NULL,
    amount_eur numeric(18,8) NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    settled_at timestamp with time zone,
    actual_eur numeric(18,8),
    CONSTRAINT ai_budget_reservation_actual_eur_check CHECK ((actual_eur >= (0)::numeric)),
    CONSTRAINT ai_budget_reservation_amount_eur_check CHECK ((amount_eur >= (0)::numeric)),
    CONSTRAINT ai_budget_reservation_closed CHECK ((((status = 'open'::text) AND (settled_at IS NULL) AND (actual_eur IS NULL)) OR ((status = 'settled'::text) AND (settled_at IS NOT NULL) AND (actual_eur IS NOT NULL)) OR ((status = 'released'::text) AND (settled_at IS NOT NULL) AND (actual_eur IS NULL)))),
    CONSTRAINT ai_budget_reservation_month_check CHECK ((month = (date_trunc('month'::text, (month)::timestamp with time zone))::date)),
    CONSTRAINT ai_budget_reservation_status_check CHECK ((status = ANY (ARRAY['open'::text, 'settled'::text, 'released'::text])))
);

ALTER TABLE ONLY public.ai_budget_reservation FORCE ROW LEVEL SECURITY;


--
-- Name: ai_budget_user_month; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ai_budget_user_month (
    org_id uuid NOT NULL,
    user_id uuid NOT NULL,
    month date NOT NULL,
    spent_eur numeric(18,8) DEFAULT 0 NOT NULL,
    reserved_eur numeric(18,8) DEFAULT 0 NOT NULL,
    CONSTRAINT ai_budget_user_month_month_check CHECK ((month = (date_trunc('month'::text, (month)::timestamp with time zone))::date)),
    CONSTRAINT ai_budget_user_month_reserved_eur_check CHECK ((reserved_eur >= (0)::numeric)),
    CONSTRAINT ai_budget_user_month_spent_eur_check CHECK ((spent_eur >= (0)::numeric))
);

ALTER TABLE ONLY public.ai_budget_user_month FORCE ROW LEVEL SECURITY;


--
-- Name: ai_cache; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ai_cache (
    org_id uuid NOT NULL,
    key text NOT NULL,
    use_case text NOT NULL,
    model text NOT NULL,
    output jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT ai_cache_check CHECK ((expires_at > created_at)),
    CONSTRAINT ai_cache_key_check CHECK ((key ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT ai_cache_model_check CHECK (((length(model) >= 1) AND (length(model) <= 200))),
    CONSTRAINT ai_cache_use_case_check CHECK ((use_case ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'::text))
);

ALTER TABLE ONLY public.ai_cache FORCE ROW LEVEL SECURITY;


--
-- Name: ai_call; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ai_call (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    user_id uuid,
    use_case text NOT NULL,
    provider text,
    model text,
    tier text NOT NULL,
    escalated boolean DEFAULT false NOT NULL,
    escalation_reason text,
    cache_hit boolean DEFAULT false NOT NULL,
    tokens_in integer DEFAULT 0 NOT NULL,
    tokens_out integer DEFAULT 0 NOT NULL,
    cost_eur numeric(18,8) DEFAULT 0 NOT NULL,
    latency_ms integer DEFAULT 0 NOT NULL,
    outcome text NOT NULL,
    confidence numeric(5,4),
    error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ai_call_confidence_check CHECK (((confidence >= (0)::numeric) AND (confidence <= (1)::numeric))),
    CONSTRAINT ai_call_cost_eur_check CHECK ((cost_eur >= (0)::numeric)),
    CONSTRAINT ai_call_error_check CHECK ((length(error) <= 2000)),
    CONSTRAINT ai_call_escalation_reason_check CHECK ((length(escalation_reason) <= 500)),
    CONSTRAINT ai_call_latency_ms_check CHECK ((latency_ms >= 0)),
    CONSTRAINT ai_call_model_check CHECK (((length(model) >= 1) AND (length(model) <= 200))),
    CONSTRAINT ai_call_outcome_check CHECK ((outcome = ANY (ARRAY['ok'::text, 'error'::text, 'invalid_output'::text, 'refused_budget'::text, 'not_configured'::text]))),
    CONSTRAINT ai_call_provider_check CHECK ((provider = ANY (ARRAY['openai'::text, 'anthropic'::text]))),
    CONSTRAINT ai_call_tier_check CHECK ((tier = ANY (ARRAY['small'::text, 'large'::text]))),
    CONSTRAINT ai_call_tokens_in_check CHECK ((tokens_in >= 0)),
    CONSTRAINT ai_call_tokens_out_check CHECK ((tokens_out >= 0)),
    CONSTRAINT ai_call_use_case_check CHECK ((use_case ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'::text))
);

ALTER TABLE ONLY public.ai_call FORCE ROW LEVEL SECURITY;


--
-- Name: ai_model_price; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ai_model_price (
    model text NOT NULL,
    provider text NOT NULL,
    input_per_million_eur numeric(12,4) NOT NULL,
    output_per_million_eur numeric(12,4) NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by uuid,
    CONSTRAINT ai_model_price_input_per_million_eur_check CHECK ((input_per_million_eur >= (0)::numeric)),
    CONSTRAINT ai_model_price_model_check CHECK (((length(btrim(model)) >= 1) AND (length(btrim(model)) <= 200))),
    CONSTRAINT ai_model_price_output_per_million_eur_check CHECK ((output_per_million_eur >= (0)::numeric)),
    CONSTRAINT ai_model_price_provider_check CHECK ((provider = ANY (ARRAY['openai'::text, 'anthropic'::text])))
);

ALTER TABLE ONLY public.ai_model_price FORCE ROW LEVEL SECURITY;


--
-- Name: alert_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alert_event (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    rule_id uuid NOT NULL,
    metric text NOT NULL,
    state text NOT NULL,
    comparison text NOT NULL,
    threshold numeric(14,3) NOT NULL,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    fired_at timestamp with time zone,
    ended_at timestamp with time zone,
    first_value numeric(18,3),
    fired_value numeric(18,3),
    last_value numeric(18,3),
    CONSTRAINT alert_event_comparison_check CHECK ((comparison = ANY (ARRAY['above'::text, 'below'::text]))),
    CONSTRAINT alert_event_ended_when_ended CHECK (((ended_at IS NOT NULL) = (state = ANY (ARRAY['resolved'::text, 'cleared'::text])))),
    CONSTRAINT alert_event_fired_when_fired CHECK (((fired_at IS NOT NULL) = (state = ANY (ARRAY['firing'::text, 'resolved'::text])))),
    CONSTRAINT alert_event_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'firing'::text, 'resolved'::text, 'cleared'::text])))
);

ALTER TABLE ONLY public.alert_event FORCE ROW LEVEL SECURITY;


--
-- Name: alert_rule; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alert_rule (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    metric text NOT NULL,
    comparison text NOT NULL,
    threshold numeric(14,3) NOT NULL,
    duration_seconds integer DEFAULT 0 NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    updated_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    updated_by uuid,
    CONSTRAINT alert_rule_comparison_check CHECK ((comparison = ANY (ARRAY['above'::text, 'below'::text]))),
    CONSTRAINT alert_rule_duration_seconds_check CHECK (((duration_seconds >= 0) AND (duration_seconds <= 604800))),
    CONSTRAINT alert_rule_metric_check CHECK ((metric ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'::text))
);

ALTER TABLE ONLY public.alert_rule FORCE ROW LEVEL SECURITY;


--
-- Name: api_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_token (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    user_id uuid NOT NULL,
    name text NOT NULL,
    token_hash text NOT NULL,
    token_prefix text NOT NULL,
    expires_at timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT api_token_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))),
    CONSTRAINT api_token_token_hash_check CHECK ((token_hash ~ '^[0-9a-f]{64}$'::text))
);

ALTER TABLE ONLY public.api_token FORCE ROW LEVEL SECURITY;


--
-- Name: app_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.app_log (
    id bigint NOT NULL,
    org_id uuid,
    at timestamp with time zone DEFAULT now() NOT NULL,
    level text NOT NULL,
    message text NOT NULL,
    fingerprint text NOT NULL,
    location text,
    route text,
    request_id text,
    user_id uuid,
    status integer,
    duration_ms integer,
    context jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT app_log_context_check CHECK (((jsonb_typeof(context) = 'object'::text) AND (pg_column_size(context) <= 8192))),
    CONSTRAINT app_log_duration_ms_check CHECK ((duration_ms >= 0)),
    CONSTRAINT app_log_fingerprint_check CHECK ((fingerprint ~ '^[0-9a-f]{40}$'::text)),
    CONSTRAINT app_log_level_check CHECK ((level = ANY (ARRAY['warn'::text, 'error'::text]))),
    CONSTRAINT app_log_location_check CHECK ((length(location) <= 500)),
    CONSTRAINT app_log_message_check CHECK ((length(message) <= 2000)),
    CONSTRAINT app_log_request_id_check CHECK ((length(request_id) <= 64)),
    CONSTRAINT app_log_route_check CHECK ((length(route) <= 300)),
    CONSTRAINT app_log_status_check CHECK (((status >= 100) AND (status <= 999)))
);

ALTER TABLE ONLY public.app_log FORCE ROW LEVEL SECURITY;


--
-- Name: TABLE app_log; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.app_log IS 'Warnings and errors of the app (lib/log), redacted; grouped by fingerprint; pruned by system.logs.retention.';


--
-- Name: app_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.app_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.app_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: app_user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.app_user (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    password_hash text,
    locale text DEFAULT 'de'::text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT app_user_email_check CHECK (((email = lower(btrim(email))) AND (email ~~ '_%@_%'::text))),
    CONSTRAINT app_user_locale_check CHECK ((locale = ANY (ARRAY['de'::text, 'en'::text]))),
    CONSTRAINT app_user_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200)))
);

ALTER TABLE ONLY public.app_user FORCE ROW LEVEL SECURITY;


--
-- Name: audit_event_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_event ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: audit_seal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_seal (
    event_id bigint NOT NULL,
    org_id uuid,
    key_id text NOT NULL,
    mac text NOT NULL,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT audit_seal_key_id_check CHECK ((key_id ~ '^[0-9a-f]{16}$'::text)),
    CONSTRAINT audit_seal_mac_check CHECK ((mac ~ '^[0-9a-f]{64}$'::text))
);

ALTER TABLE ONLY public.audit_seal FORCE ROW LEVEL SECURITY;


--
-- Name: backup_drill; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backup_drill (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    backup_id uuid,
    trigger text NOT NULL,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    finished_at timestamp with time zone,
    status text NOT NULL,
    rto_seconds numeric(12,3),
    rpo_seconds numeric(14,3),
    checks jsonb DEFAULT '[]'::jsonb NOT NULL,
    error text,
    CONSTRAINT backup_drill_checks_check CHECK ((jsonb_typeof(checks) = 'array'::text)),
    CONSTRAINT backup_drill_finished_after_start CHECK (((finished_at IS NULL) OR (finished_at >= started_at))),
    CONSTRAINT backup_drill_finished_when_done CHECK (((status = 'running'::text) = (finished_at IS NULL))),
    CONSTRAINT backup_drill_rpo_seconds_check CHECK ((rpo_seconds >= (0)::numeric)),
    CONSTRAINT backup_drill_rto_seconds_check CHECK ((rto_seconds >= (0)::numeric)),
    CONSTRAINT backup_drill_status_check CHECK ((status = ANY (ARRAY['running'::text, 'passed'::text, 'failed'::text]))),
    CONSTRAINT backup_drill_trigger_check CHECK ((trigger = ANY (ARRAY['cron'::text, 'manual'::text, 'cli'::text])))
);

ALTER TABLE ONLY public.backup_drill FORCE ROW LEVEL SECURITY;


--
-- Name: backup_run; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backup_run (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    trigger text NOT NULL,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    finished_at timestamp with time zone,
    status text NOT NULL,
    file_name text,
    size_bytes bigint,
    sha256 text,
    server_version text,
    migrations jsonb DEFAULT '[]'::jsonb NOT NULL,
    row_counts jsonb DEFAULT '{}'::jsonb NOT NULL,
    error text,
    pruned_at timestamp with time zone,
    CONSTRAINT backup_run_error_only_when_failed CHECK (((error IS NULL) OR (status = 'failed'::text))),
    CONSTRAINT backup_run_file_name_check CHECK ((file_name ~ '^[A-Za-z0-9._-]+$'::text)),
    CONSTRAINT backup_run_file_when_succeeded CHECK (((status <> 'succeeded'::text) OR ((file_name IS NOT NULL) AND (size_bytes IS NOT NULL) AND (sha256 IS NOT NULL)))),
    CONSTRAINT backup_run_finished_after_start CHECK (((finished_at IS NULL) OR (finished_at >= started_at))),
    CONSTRAINT backup_run_finished_when_done CHECK (((status = 'running'::text) = (finished_at IS NULL))),
    CONSTRAINT backup_run_migrations_check CHECK ((jsonb_typeof(migrations) = 'array'::text)),
    CONSTRAINT backup_run_pruned_only_succeeded CHECK (((pruned_at IS NULL) OR (status = 'succeeded'::text))),
    CONSTRAINT backup_run_row_counts_check CHECK ((jsonb_typeof(row_counts) = 'object'::text)),
    CONSTRAINT backup_run_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT backup_run_size_bytes_check CHECK ((size_bytes >= 0)),
    CONSTRAINT backup_run_status_check CHECK ((status = ANY (ARRAY['running'::text, 'succeeded'::text, 'failed'::text]))),
    CONSTRAINT backup_run_trigger_check CHECK ((trigger = ANY (ARRAY['cron'::text, 'manual'::text, 'cli'::text])))
);

ALTER TABLE ONLY public.backup_run FORCE ROW LEVEL SECURITY;


--
-- Name: credit_company; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.credit_company (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    company_id text NOT NULL,
    name text NOT NULL,
    city text,
    country text,
    grade smallint,
    cover_status text,
    limit_amount numeric(16,2),
    currency text,
    decided_at timestamp with time zone,
    fetched_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT credit_company_city_check CHECK ((length(city) <= 200)),
    CONSTRAINT credit_company_company_id_check CHECK (((length(company_id) >= 1) AND (length(company_id) <= 100))),
    CONSTRAINT credit_company_country_check CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT credit_company_cover_status_check CHECK (((length(cover_status) >= 1) AND (length(cover_status) <= 50))),
    CONSTRAINT credit_company_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT credit_company_grade_check CHECK (((grade >= 1) AND (grade <= 10))),
    CONSTRAINT credit_company_limit_amount_check CHECK ((limit_amount >= (0)::numeric)),
    CONSTRAINT credit_company_name_check CHECK (((length(name) >= 1) AND (length(name) <= 300)))
);

ALTER TABLE ONLY public.credit_company FORCE ROW LEVEL SECURITY;


--
-- Name: credit_limit_request; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.credit_limit_request (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    company_ref uuid NOT NULL,
    amount numeric(16,2) NOT NULL,
    currency text NOT NULL,
    provider_job_id text NOT NULL,
    state text DEFAULT 'PENDING'::text NOT NULL,
    cover_status text,
    granted_amount numeric(16,2),
    error text,
    polls integer DEFAULT 0 NOT NULL,
    requested_by uuid,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    polled_at timestamp with time zone,
    decided_at timestamp with time zone,
    CONSTRAINT credit_limit_request_amount_check CHECK ((amount > (0)::numeric)),
    CONSTRAINT credit_limit_request_cover_status_check CHECK (((length(cover_status) >= 1) AND (length(cover_status) <= 50))),
    CONSTRAINT credit_limit_request_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT credit_limit_request_decided CHECK (((state = 'PENDING'::text) = (decided_at IS NULL))),
    CONSTRAINT credit_limit_request_error_check CHECK ((length(error) <= 500)),
    CONSTRAINT credit_limit_request_granted_amount_check CHECK ((granted_amount >= (0)::numeric)),
    CONSTRAINT credit_limit_request_polls_check CHECK ((polls >= 0)),
    CONSTRAINT credit_limit_request_provider_job_id_check CHECK (((length(provider_job_id) >= 1) AND (length(provider_job_id) <= 200))),
    CONSTRAINT credit_limit_request_state_check CHECK ((state = ANY (ARRAY['PENDING'::text, 'PROCESSED'::text, 'FAILED'::text])))
);

ALTER TABLE ONLY public.credit_limit_request FORCE ROW LEVEL SECURITY;


--
-- Name: feedback_link; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feedback_link (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    phase_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    recipient_name text,
    recipient_email text,
    locale text DEFAULT 'de'::text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    first_opened_at timestamp with time zone,
    submitted_at timestamp with time zone,
    revoked_at timestamp with time zone,
    draft jsonb DEFAULT '{}'::jsonb NOT NULL,
    draft_saved_at timestamp with time zone,
    invited_at timestamp with time zone,
    reminded_at timestamp with time zone,
    replaces_id uuid,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT feedback_link_check CHECK ((expires_at > created_at)),
    CONSTRAINT feedback_link_draft_check CHECK (((jsonb_typeof(draft) = 'object'::text) AND (pg_column_size(draft) <= 65536))),
    CONSTRAINT feedback_link_locale_check CHECK ((locale = ANY (ARRAY['de'::text, 'en'::text]))),
    CONSTRAINT feedback_link_recipient_email_check CHECK (((recipient_email IS NULL) OR ((recipient_email = lower(btrim(recipient_email))) AND (length(recipient_email) <= 254)))),
    CONSTRAINT feedback_link_recipient_name_check CHECK (((recipient_name IS NULL) OR ((length(btrim(recipient_name)) >= 1) AND (length(btrim(recipient_name)) <= 120)))),
    CONSTRAINT feedback_link_token_hash_check CHECK ((length(token_hash) = 32))
);

ALTER TABLE ONLY public.feedback_link FORCE ROW LEVEL SECURITY;


--
-- Name: feedback_submission; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feedback_submission (
    link_id uuid NOT NULL,
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    contact_name text NOT NULL,
    contact_role text NOT NULL,
    submitted_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT feedback_submission_contact_name_check CHECK (((length(btrim(contact_name)) >= 1) AND (length(btrim(contact_name)) <= 120))),
    CONSTRAINT feedback_submission_contact_role_check CHECK ((contact_role = ANY (ARRAY['CHEF'::text, 'BUYER'::text, 'GM'::text, 'OTHER'::text])))
);

ALTER TABLE ONLY public.feedback_submission FORCE ROW LEVEL SECURITY;


--
-- Name: help_article; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_article (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    space text NOT NULL,
    locale text NOT NULL,
    slug text NOT NULL,
    title text NOT NULL,
    body_md text NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    help_keys text[] DEFAULT '{}'::text[] NOT NULL,
    status text DEFAULT 'DRAFT'::text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_by uuid,
    updated_by uuid,
    reviewed_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    published_at timestamp with time zone,
    search_doc tsvector GENERATED ALWAYS AS (public.app_help_document(locale, title, tags, body_md)) STORED,
    CONSTRAINT help_article_body_md_check CHECK ((length(body_md) <= 100000)),
    CONSTRAINT help_article_four_eyes CHECK (((status <> 'PUBLISHED'::text) OR ((reviewed_by IS NOT NULL) AND (published_at IS NOT NULL) AND (reviewed_by IS DISTINCT FROM updated_by)))),
    CONSTRAINT help_article_help_keys_check CHECK ((cardinality(help_keys) <= 20)),
    CONSTRAINT help_article_locale_check CHECK ((locale = ANY (ARRAY['de'::text, 'en'::text]))),
    CONSTRAINT help_article_slug_check CHECK (((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text) AND (length(slug) <= 120))),
    CONSTRAINT help_article_space_check CHECK ((space = ANY (ARRAY['enduser'::text, 'salesops'::text]))),
    CONSTRAINT help_article_status_check CHECK ((status = ANY (ARRAY['DRAFT'::text, 'IN_REVIEW'::text, 'PUBLISHED'::text, 'ARCHIVED'::text]))),
    CONSTRAINT help_article_tags_check CHECK ((cardinality(tags) <= 20)),
    CONSTRAINT help_article_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200))),
    CONSTRAINT help_article_version_check CHECK ((version >= 1))
);

ALTER TABLE ONLY public.help_article FORCE ROW LEVEL SECURITY;


--
-- Name: help_article_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_article_version (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    article_id uuid NOT NULL,
    number integer NOT NULL,
    title text NOT NULL,
    body_md text NOT NULL,
    author_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT help_article_version_body_md_check CHECK ((length(body_md) <= 100000)),
    CONSTRAINT help_article_version_number_check CHECK ((number >= 1)),
    CONSTRAINT help_article_version_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200)))
);

ALTER TABLE ONLY public.help_article_version FORCE ROW LEVEL SECURITY;


--
-- Name: help_experiment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_experiment (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    article_id uuid NOT NULL,
    name text NOT NULL,
    status text DEFAULT 'DRAFT'::text NOT NULL,
    starts_at timestamp with time zone,
    ends_at timestamp with time zone NOT NULL,
    min_exposures_per_arm integer NOT NULL,
    win_probability double precision NOT NULL,
    winner_arm integer,
    stopped_reason text,
    stopped_at timestamp with time zone,
    stopped_by uuid,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT help_experiment_min_exposures_per_arm_check CHECK (((min_exposures_per_arm >= 1) AND (min_exposures_per_arm <= 1000000))),
    CONSTRAINT help_experiment_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT help_experiment_started CHECK (((status = 'DRAFT'::text) OR (starts_at IS NOT NULL))),
    CONSTRAINT help_experiment_status_check CHECK ((status = ANY (ARRAY['DRAFT'::text, 'RUNNING'::text, 'STOPPED'::text]))),
    CONSTRAINT help_experiment_stopped CHECK (((status = 'STOPPED'::text) = ((stopped_reason IS NOT NULL) AND (stopped_at IS NOT NULL)))),
    CONSTRAINT help_experiment_stopped_reason_check CHECK ((stopped_reason = ANY (ARRAY['winner'::text, 'max_duration'::text, 'manual'::text]))),
    CONSTRAINT help_experiment_win_probability_check CHECK (((win_probability >= (0.5)::double precision) AND (win_probability < (1)::double precision))),
    CONSTRAINT help_experiment_window CHECK (((starts_at IS NULL) OR (ends_at > starts_at))),
    CONSTRAINT help_experiment_winner_arm_check CHECK ((winner_arm >= 0))
);

ALTER TABLE ONLY public.help_experiment FORCE ROW LEVEL SECURITY;


--
-- Name: help_experiment_arm; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_experiment_arm (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    experiment_id uuid NOT NULL,
    "position" integer NOT NULL,
    label text NOT NULL,
    title text,
    body_md text,
    weight integer NOT NULL,
    CONSTRAINT help_experiment_arm_body_md_check CHECK ((length(body_md) <= 100000)),
    CONSTRAINT help_experiment_arm_label_check CHECK (((length(label) >= 1) AND (length(label) <= 100))),
    CONSTRAINT help_experiment_arm_position_check CHECK ((("position" >= 0) AND ("position" <= 9))),
    CONSTRAINT help_experiment_arm_text CHECK ((("position" = 0) = ((title IS NULL) AND (body_md IS NULL)))),
    CONSTRAINT help_experiment_arm_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200))),
    CONSTRAINT help_experiment_arm_weight_check CHECK (((weight >= 1) AND (weight <= 100)))
);

ALTER TABLE ONLY public.help_experiment_arm FORCE ROW LEVEL SECURITY;


--
-- Name: help_exposure; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_exposure (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    experiment_id uuid NOT NULL,
    arm integer NOT NULL,
    user_id uuid NOT NULL,
    first_shown_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.help_exposure FORCE ROW LEVEL SECURITY;


--
-- Name: help_feedback; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_feedback (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    article_id uuid NOT NULL,
    user_id uuid NOT NULL,
    helpful boolean NOT NULL,
    comment text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT help_feedback_comment_check CHECK ((length(comment) <= 2000))
);

ALTER TABLE ONLY public.help_feedback FORCE ROW LEVEL SECURITY;


--
-- Name: help_guide; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_guide (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    space text NOT NULL,
    locale text NOT NULL,
    slug text NOT NULL,
    title text NOT NULL,
    summary text DEFAULT ''::text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT help_guide_locale_check CHECK ((locale = ANY (ARRAY['de'::text, 'en'::text]))),
    CONSTRAINT help_guide_slug_check CHECK (((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text) AND (length(slug) <= 120))),
    CONSTRAINT help_guide_space_check CHECK ((space = ANY (ARRAY['enduser'::text, 'salesops'::text]))),
    CONSTRAINT help_guide_summary_check CHECK ((length(summary) <= 2000)),
    CONSTRAINT help_guide_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200)))
);

ALTER TABLE ONLY public.help_guide FORCE ROW LEVEL SECURITY;


--
-- Name: help_guide_progress; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_guide_progress (
    org_id uuid NOT NULL,
    user_id uuid NOT NULL,
    step_id uuid NOT NULL,
    done_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.help_guide_progress FORCE ROW LEVEL SECURITY;


--
-- Name: help_guide_step; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_guide_step (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    guide_id uuid NOT NULL,
    "position" integer NOT NULL,
    title text NOT NULL,
    body text DEFAULT ''::text NOT NULL,
    href text,
    CONSTRAINT help_guide_step_body_check CHECK ((length(body) <= 4000)),
    CONSTRAINT help_guide_step_href_check CHECK (((href ~ '^[a-z0-9][a-zA-Z0-9/_=&?.-]*$'::text) AND (length(href) <= 300))),
    CONSTRAINT help_guide_step_position_check CHECK (("position" >= 1)),
    CONSTRAINT help_guide_step_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200)))
);

ALTER TABLE ONLY public.help_guide_step FORCE ROW LEVEL SECURITY;


--
-- Name: help_question; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_question (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    user_id uuid NOT NULL,
    question text NOT NULL,
    locale text NOT NULL,
    answered_by text NOT NULL,
    covered boolean NOT NULL,
    cited_article_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT help_question_answered_by_check CHECK ((answered_by = ANY (ARRAY['ai'::text, 'search'::text]))),
    CONSTRAINT help_question_cited_article_ids_check CHECK ((cardinality(cited_article_ids) <= 20)),
    CONSTRAINT help_question_locale_check CHECK ((locale = ANY (ARRAY['de'::text, 'en'::text]))),
    CONSTRAINT help_question_question_check CHECK (((length(question) >= 1) AND (length(question) <= 2000)))
);

ALTER TABLE ONLY public.help_question FORCE ROW LEVEL SECURITY;


--
-- Name: help_search_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_search_log (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    query text NOT NULL,
    normalized text NOT NULL,
    locale text NOT NULL,
    result_count integer NOT NULL,
    user_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT help_search_log_locale_check CHECK ((locale = ANY (ARRAY['de'::text, 'en'::text]))),
    CONSTRAINT help_search_log_normalized_check CHECK (((length(normalized) >= 1) AND (length(normalized) <= 200))),
    CONSTRAINT help_search_log_query_check CHECK (((length(query) >= 1) AND (length(query) <= 200))),
    CONSTRAINT help_search_log_result_count_check CHECK ((result_count >= 0))
);

ALTER TABLE ONLY public.help_search_log FORCE ROW LEVEL SECURITY;


--
-- Name: help_synonym; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_synonym (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    term text NOT NULL,
    expansion text NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT help_synonym_expansion_check CHECK (((length(expansion) >= 1) AND (length(expansion) <= 200))),
    CONSTRAINT help_synonym_term_check CHECK (((length(term) >= 1) AND (length(term) <= 100)))
);

ALTER TABLE ONLY public.help_synonym FORCE ROW LEVEL SECURITY;


--
-- Name: help_word; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_word (
    org_id uuid NOT NULL,
    space text NOT NULL,
    word text NOT NULL,
    CONSTRAINT help_word_space_check CHECK ((space = ANY (ARRAY['enduser'::text, 'salesops'::text]))),
    CONSTRAINT help_word_word_check CHECK (((length(word) >= 3) AND (length(word) <= 40)))
);

ALTER TABLE ONLY public.help_word FORCE ROW LEVEL SECURITY;


--
-- Name: idempotency_key; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idempotency_key (
    org_id uuid NOT NULL,
    caller text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    state text NOT NULL,
    response_status integer,
    response_body text,
    response_type text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    locked_until timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT idempotency_key_caller_check CHECK ((caller ~ '^(token|user):'::text)),
    CONSTRAINT idempotency_key_key_check CHECK (((length(key) >= 1) AND (length(key) <= 255))),
    CONSTRAINT idempotency_key_state_check CHECK ((state = ANY (ARRAY['running'::text, 'done'::text])))
);

ALTER TABLE ONLY public.idempotency_key FORCE ROW LEVEL SECURITY;


--
-- Name: integration_call; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.integration_call (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    connection_id uuid,
    provider text NOT NULL,
    operation text NOT NULL,
    outcome text NOT NULL,
    status integer,
    duration_ms integer DEFAULT 0 NOT NULL,
    attempts integer DEFAULT 1 NOT NULL,
    error text,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT integration_call_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT integration_call_duration_ms_check CHECK ((duration_ms >= 0)),
    CONSTRAINT integration_call_error_check CHECK ((length(error) <= 2000)),
    CONSTRAINT integration_call_operation_check CHECK ((operation ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'::text)),
    CONSTRAINT integration_call_outcome_check CHECK ((outcome = ANY (ARRAY['ok'::text, 'error'::text, 'timeout'::text, 'circuit_open'::text, 'bulkhead_full'::text, 'rate_limited'::text]))),
    CONSTRAINT integration_call_provider_check CHECK ((provider = ANY (ARRAY['ALLINKL_MAIL'::text, 'XENTRAL'::text, 'ALLIANZ_TRADE'::text, 'SMTP_ENV'::text, 'GENERIC'::text]))),
    CONSTRAINT integration_call_status_check CHECK (((status >= 100) AND (status <= 999)))
);

ALTER TABLE ONLY public.integration_call FORCE ROW LEVEL SECURITY;


--
-- Name: integration_connection; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.integration_connection (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    provider text NOT NULL,
    name text NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    secrets bytea,
    key_id text,
    enabled boolean DEFAULT true NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by uuid,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT integration_connection_key_id_check CHECK ((key_id ~ '^[0-9a-f]{8}$'::text)),
    CONSTRAINT integration_connection_name_check CHECK (((length(name) >= 1) AND (length(name) <= 100))),
    CONSTRAINT integration_connection_provider_check CHECK ((provider = ANY (ARRAY['ALLINKL_MAIL'::text, 'XENTRAL'::text, 'ALLIANZ_TRADE'::text, 'GENERIC'::text]))),
    CONSTRAINT integration_connection_secrets_check CHECK ((octet_length(secrets) > 28)),
    CONSTRAINT integration_connection_secrets_keyed CHECK (((secrets IS NULL) = (key_id IS NULL))),
    CONSTRAINT integration_connection_settings_check CHECK ((jsonb_typeof(settings) = 'object'::text))
);

ALTER TABLE ONLY public.integration_connection FORCE ROW LEVEL SECURITY;


--
-- Name: integration_webhook_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.integration_webhook_event (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    connection_id uuid NOT NULL,
    provider text NOT NULL,
    event_id text NOT NULL,
    event_type text NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    payload jsonb NOT NULL,
    status text DEFAULT 'RECEIVED'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    result jsonb,
    processed_at timestamp with time zone,
    CONSTRAINT integration_webhook_event_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT integration_webhook_event_event_id_check CHECK (((length(event_id) >= 1) AND (length(event_id) <= 200))),
    CONSTRAINT integration_webhook_event_event_type_check CHECK (((length(event_type) >= 1) AND (length(event_type) <= 200))),
    CONSTRAINT integration_webhook_event_last_error_check CHECK ((length(last_error) <= 2000)),
    CONSTRAINT integration_webhook_event_provider_check CHECK ((provider = ANY (ARRAY['XENTRAL'::text, 'ALLIANZ_TRADE'::text, 'GENERIC'::text]))),
    CONSTRAINT integration_webhook_event_result_check CHECK (((result IS NULL) OR (jsonb_typeof(result) = 'object'::text))),
    CONSTRAINT integration_webhook_event_status_check CHECK ((status = ANY (ARRAY['RECEIVED'::text, 'PROCESSED'::text, 'FAILED'::text])))
);

ALTER TABLE ONLY public.integration_webhook_event FORCE ROW LEVEL SECURITY;


--
-- Name: job_run; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.job_run (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    job_id text NOT NULL,
    trigger text NOT NULL,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    finished_at timestamp with time zone,
    status text NOT NULL,
    counts jsonb DEFAULT '{}'::jsonb NOT NULL,
    error text,
    CONSTRAINT job_run_counts_check CHECK ((jsonb_typeof(counts) = 'object'::text)),
    CONSTRAINT job_run_error_only_when_failed CHECK (((error IS NULL) OR (status = 'failed'::text))),
    CONSTRAINT job_run_finished_after_start CHECK (((finished_at IS NULL) OR (finished_at >= started_at))),
    CONSTRAINT job_run_finished_when_done CHECK (((status = 'running'::text) = (finished_at IS NULL))),
    CONSTRAINT job_run_job_id_check CHECK ((job_id ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'::text)),
    CONSTRAINT job_run_status_check CHECK ((status = ANY (ARRAY['running'::text, 'succeeded'::text, 'failed'::text, 'skipped'::text]))),
    CONSTRAINT job_run_trigger_check CHECK ((trigger = ANY (ARRAY['cron'::text, 'manual'::text, 'event'::text])))
);

ALTER TABLE ONLY public.job_run FORCE ROW LEVEL SECURITY;


--
-- Name: lead; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    company_name text NOT NULL,
    city text NOT NULL,
    industry text,
    stage smallint DEFAULT 0 NOT NULL,
    contact_first_name text,
    contact_last_name text,
    contact_email text,
    contact_phone text,
    vat_id text,
    expected_volume numeric(14,2),
    company_key text GENERATED ALWAYS AS (public.app_name_key(company_name)) STORED NOT NULL,
    city_key text GENERATED ALWAYS AS (public.app_name_key(city)) STORED NOT NULL,
    pseudonymised_at timestamp with time zone,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_city_check CHECK (((length(btrim(city)) >= 1) AND (length(btrim(city)) <= 100))),
    CONSTRAINT lead_company_name_check CHECK (((length(btrim(company_name)) >= 1) AND (length(btrim(company_name)) <= 200))),
    CONSTRAINT lead_contact_email_check CHECK (((contact_email IS NULL) OR (contact_email = lower(btrim(contact_email))))),
    CONSTRAINT lead_expected_volume_check CHECK (((expected_volume IS NULL) OR (expected_volume >= (0)::numeric))),
    CONSTRAINT lead_industry_check CHECK (((industry IS NULL) OR (length(industry) <= 100))),
    CONSTRAINT lead_stage_check CHECK (((stage >= 0) AND (stage <= 2)))
);

ALTER TABLE ONLY public.lead FORCE ROW LEVEL SECURITY;


--
-- Name: lead_activity; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_activity (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    kind text NOT NULL,
    at timestamp with time zone NOT NULL,
    note text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_activity_kind_check CHECK ((kind = ANY (public.app_lead_activity_kinds()))),
    CONSTRAINT lead_activity_note_check CHECK (((note IS NULL) OR (length(note) <= 4000)))
);

ALTER TABLE ONLY public.lead_activity FORCE ROW LEVEL SECURITY;


--
-- Name: lead_assignment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_assignment (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    owner_user_id uuid NOT NULL,
    assigned_at timestamp with time zone NOT NULL,
    released_at timestamp with time zone,
    release_reason text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone,
    progress_due_at timestamp with time zone,
    grace_due_at timestamp with time zone,
    lead_created_at timestamp with time zone,
    CONSTRAINT lead_assignment_check CHECK (((released_at IS NULL) = (release_reason IS NULL))),
    CONSTRAINT lead_assignment_release_reason_check CHECK ((release_reason = ANY (ARRAY['EXPIRED'::text, 'REASSIGNED'::text, 'MANUAL'::text])))
);

ALTER TABLE ONLY public.lead_assignment FORCE ROW LEVEL SECURITY;


--
-- Name: lead_collaborator; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_collaborator (
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text NOT NULL,
    share_percent numeric(5,2),
    added_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    member_role text DEFAULT 'sales'::text NOT NULL,
    CONSTRAINT lead_collaborator_partner_role CHECK ((member_role = 'sales'::text)),
    CONSTRAINT lead_collaborator_role_check CHECK ((role = ANY (ARRAY['VIEW'::text, 'ASSIST'::text, 'NEGOTIATE'::text]))),
    CONSTRAINT lead_collaborator_share_percent_check CHECK (((share_percent IS NULL) OR ((share_percent > (0)::numeric) AND (share_percent <= (100)::numeric))))
);

ALTER TABLE ONLY public.lead_collaborator FORCE ROW LEVEL SECURITY;


--
-- Name: lead_credit; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_credit (
    lead_id uuid NOT NULL,
    org_id uuid NOT NULL,
    company_ref uuid NOT NULL,
    linked_by uuid,
    linked_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.lead_credit FORCE ROW LEVEL SECURITY;


--
-- Name: lead_extension_request; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_extension_request (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    assignment_id uuid NOT NULL,
    days integer NOT NULL,
    reason text NOT NULL,
    status text DEFAULT 'PENDING'::text NOT NULL,
    requested_by uuid,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    decided_by uuid,
    decided_at timestamp with time zone,
    decision_comment text,
    escalated_at timestamp with time zone,
    CONSTRAINT lead_extension_request_check CHECK (((status = 'PENDING'::text) = (decided_at IS NULL))),
    CONSTRAINT lead_extension_request_days_check CHECK (((days >= 1) AND (days <= 365))),
    CONSTRAINT lead_extension_request_reason_check CHECK (((length(btrim(reason)) >= 1) AND (length(btrim(reason)) <= 2000))),
    CONSTRAINT lead_extension_request_status_check CHECK ((status = ANY (ARRAY['PENDING'::text, 'APPROVED'::text, 'DENIED'::text, 'CLOSED'::text])))
);

ALTER TABLE ONLY public.lead_extension_request FORCE ROW LEVEL SECURITY;


--
-- Name: lead_hold; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_hold (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    reason text NOT NULL,
    start_at timestamp with time zone NOT NULL,
    end_at timestamp with time zone,
    note text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_hold_check CHECK (((end_at IS NULL) OR (end_at > start_at))),
    CONSTRAINT lead_hold_note_check CHECK (((note IS NULL) OR (length(note) <= 2000))),
    CONSTRAINT lead_hold_reason_check CHECK ((reason = ANY (ARRAY['FFZ_PRICE_APPROVAL'::text, 'FFZ_SAMPLE_DELAY'::text, 'FFZ_SUPPLY_ISSUE'::text, 'CUSTOMER_BLOCKED'::text, 'OTHER'::text])))
);

ALTER TABLE ONLY public.lead_hold FORCE ROW LEVEL SECURITY;


--
-- Name: lead_protection_daily; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_protection_daily (
    org_id uuid NOT NULL,
    day date NOT NULL,
    active integer NOT NULL,
    grace integer NOT NULL,
    expired integer NOT NULL,
    due_soon integer NOT NULL,
    as_of timestamp with time zone NOT NULL,
    CONSTRAINT lead_protection_daily_active_check CHECK ((active >= 0)),
    CONSTRAINT lead_protection_daily_due_soon_check CHECK ((due_soon >= 0)),
    CONSTRAINT lead_protection_daily_expired_check CHECK ((expired >= 0)),
    CONSTRAINT lead_protection_daily_grace_check CHECK ((grace >= 0))
);

ALTER TABLE ONLY public.lead_protection_daily FORCE ROW LEVEL SECURITY;


--
-- Name: lead_reminder; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_reminder (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    assignment_id uuid NOT NULL,
    type text NOT NULL,
    due_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_reminder_type_check CHECK ((type = ANY (ARRAY['REMINDER_60D'::text, 'GRACE_EXPIRY'::text])))
);

ALTER TABLE ONLY public.lead_reminder FORCE ROW LEVEL SECURITY;


--
-- Name: lead_xentral; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_xentral (
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    customer_id text NOT NULL,
    customer_number text NOT NULL,
    customer_name text NOT NULL,
    linked_by uuid,
    linked_at timestamp with time zone DEFAULT now() NOT NULL,
    order_number text,
    order_state text,
    order_location text,
    order_error text,
    order_created_by uuid,
    order_created_at timestamp with time zone,
    CONSTRAINT lead_xentral_check CHECK (((order_state IS NULL) = (order_number IS NULL))),
    CONSTRAINT lead_xentral_check1 CHECK (((order_state IS DISTINCT FROM 'CREATED'::text) OR ((order_location IS NOT NULL) AND (order_created_at IS NOT NULL)))),
    CONSTRAINT lead_xentral_customer_id_check CHECK ((customer_id ~ '^\d{1,20}$'::text)),
    CONSTRAINT lead_xentral_customer_name_check CHECK (((length(customer_name) >= 1) AND (length(customer_name) <= 300))),
    CONSTRAINT lead_xentral_customer_number_check CHECK (((length(customer_number) >= 1) AND (length(customer_number) <= 100))),
    CONSTRAINT lead_xentral_order_error_check CHECK (((order_error IS NULL) OR (length(order_error) <= 2000))),
    CONSTRAINT lead_xentral_order_location_check CHECK (((order_location IS NULL) OR (length(order_location) <= 2000))),
    CONSTRAINT lead_xentral_order_number_check CHECK (((order_number IS NULL) OR (order_number ~ '^[A-Za-z0-9-]{1,40}$'::text))),
    CONSTRAINT lead_xentral_order_state_check CHECK ((order_state = ANY (ARRAY['SENDING'::text, 'CREATED'::text, 'FAILED'::text])))
);

ALTER TABLE ONLY public.lead_xentral FORCE ROW LEVEL SECURITY;


--
-- Name: mail_inbox_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mail_inbox_state (
    org_id uuid NOT NULL,
    connection_id uuid NOT NULL,
    mailbox text NOT NULL,
    uid_validity bigint NOT NULL,
    last_uid bigint DEFAULT 0 NOT NULL,
    polled_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT mail_inbox_state_last_uid_check CHECK ((last_uid >= 0)),
    CONSTRAINT mail_inbox_state_mailbox_check CHECK (((length(mailbox) >= 1) AND (length(mailbox) <= 200))),
    CONSTRAINT mail_inbox_state_uid_validity_check CHECK ((uid_validity > 0))
);

ALTER TABLE ONLY public.mail_inbox_state FORCE ROW LEVEL SECURITY;


--
-- Name: mail_message; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mail_message (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    connection_id uuid NOT NULL,
    mailbox text NOT NULL,
    uid_validity bigint NOT NULL,
    uid bigint NOT NULL,
    message_id text,
    received_at timestamp with time zone NOT NULL,
    suggestions integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT mail_message_mailbox_check CHECK (((length(mailbox) >= 1) AND (length(mailbox) <= 200))),
    CONSTRAINT mail_message_message_id_check CHECK (((length(message_id) >= 1) AND (length(message_id) <= 998))),
    CONSTRAINT mail_message_suggestions_check CHECK ((suggestions >= 0)),
    CONSTRAINT mail_message_uid_check CHECK ((uid > 0)),
    CONSTRAINT mail_message_uid_validity_check CHECK ((uid_validity > 0))
);

ALTER TABLE ONLY public.mail_message FORCE ROW LEVEL SECURITY;


--
-- Name: mail_suggestion; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mail_suggestion (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    message_ref uuid NOT NULL,
    matched_by text NOT NULL,
    from_address text NOT NULL,
    from_name text,
    subject text DEFAULT ''::text NOT NULL,
    received_at timestamp with time zone NOT NULL,
    excerpt text DEFAULT ''::text NOT NULL,
    proposed_kind text DEFAULT 'CUSTOMER_REACTION'::text NOT NULL,
    proposed_summary text,
    ai_action text,
    status text DEFAULT 'PENDING'::text NOT NULL,
    decided_by uuid,
    decided_at timestamp with time zone,
    activity_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    pseudonymised_at timestamp with time zone,
    CONSTRAINT mail_suggestion_activity_when_confirmed CHECK (((activity_id IS NULL) OR (status = 'CONFIRMED'::text))),
    CONSTRAINT mail_suggestion_ai_action_check CHECK ((ai_action = ANY (ARRAY['new_lead'::text, 'activity'::text, 'ignore'::text]))),
    CONSTRAINT mail_suggestion_decided CHECK (((status = 'PENDING'::text) = (decided_at IS NULL))),
    CONSTRAINT mail_suggestion_excerpt_check CHECK ((length(excerpt) <= 500)),
    CONSTRAINT mail_suggestion_from_address_check CHECK ((((length(from_address) >= 3) AND (length(from_address) <= 320)) OR ((pseudonymised_at IS NOT NULL) AND (from_address = ''::text)))),
    CONSTRAINT mail_suggestion_from_name_check CHECK ((length(from_name) <= 200)),
    CONSTRAINT mail_suggestion_matched_by_check CHECK ((matched_by = ANY (ARRAY['address'::text, 'domain'::text]))),
    CONSTRAINT mail_suggestion_proposed_kind_check CHECK ((proposed_kind = ANY (public.app_lead_activity_kinds()))),
    CONSTRAINT mail_suggestion_proposed_summary_check CHECK ((length(proposed_summary) <= 500)),
    CONSTRAINT mail_suggestion_pseudonymised_check CHECK (((pseudonymised_at IS NULL) OR ((status = 'CONFIRMED'::text) AND (from_address = ''::text) AND (from_name IS NULL) AND (subject = ''::text) AND (excerpt = ''::text) AND (proposed_summary IS NULL)))),
    CONSTRAINT mail_suggestion_status_check CHECK ((status = ANY (ARRAY['PENDING'::text, 'CONFIRMED'::text, 'DISMISSED'::text]))),
    CONSTRAINT mail_suggestion_subject_check CHECK ((length(subject) <= 500))
);

ALTER TABLE ONLY public.mail_suggestion FORCE ROW LEVEL SECURITY;


--
-- Name: membership; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.membership (
    org_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT membership_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'manager'::text, 'sales'::text, 'auditor'::text])))
);

ALTER TABLE ONLY public.membership FORCE ROW LEVEL SECURITY;


--
-- Name: mv_lead_protection_summary; Type: MATERIALIZED VIEW; Schema: public; Owner: -
--

CREATE MATERIALIZED VIEW public.mv_lead_protection_summary AS
 SELECT c.org_id,
    c.owner_user_id,
    c.status,
    c.due_soon,
    c.leads,
    s.as_of
   FROM (( SELECT public.app_now() AS as_of) s
     CROSS JOIN LATERAL public.app_lead_protection_counts(s.as_of) c(org_id, owner_user_id, status, due_soon, leads))
  WITH NO DATA;


--
-- Name: notification_outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notification_outbox (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    recipient_user_id uuid,
    channel text NOT NULL,
    template text NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    dedupe_key text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    sent_at timestamp with time zone,
    recipient_email text,
    recipient_locale text,
    state text DEFAULT 'QUEUED'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now() NOT NULL,
    last_error text,
    message_id text,
    read_at timestamp with time zone,
    CONSTRAINT notification_outbox_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT notification_outbox_channel_check CHECK ((channel = ANY (ARRAY['EMAIL'::text, 'INAPP'::text]))),
    CONSTRAINT notification_outbox_dedupe_key_check CHECK (((length(dedupe_key) >= 1) AND (length(dedupe_key) <= 200))),
    CONSTRAINT notification_outbox_last_error_check CHECK ((length(last_error) <= 2000)),
    CONSTRAINT notification_outbox_message_id_check CHECK ((length(message_id) <= 300)),
    CONSTRAINT notification_outbox_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text)),
    CONSTRAINT notification_outbox_read_at_check CHECK (((read_at IS NULL) OR (channel = 'INAPP'::text))),
    CONSTRAINT notification_outbox_recipient_check CHECK ((((recipient_user_id IS NULL) <> (recipient_email IS NULL)) AND ((recipient_email IS NULL) OR ((channel = 'EMAIL'::text) AND (recipient_locale IS NOT NULL))))),
    CONSTRAINT notification_outbox_recipient_email_check CHECK (((recipient_email IS NULL) OR ((recipient_email = lower(btrim(recipient_email))) AND ((length(recipient_email) >= 3) AND (length(recipient_email) <= 254))))),
    CONSTRAINT notification_outbox_recipient_locale_check CHECK ((recipient_locale = ANY (ARRAY['de'::text, 'en'::text]))),
    CONSTRAINT notification_outbox_state_check CHECK ((state = ANY (ARRAY['QUEUED'::text, 'SENDING'::text, 'SENT'::text, 'FAILED'::text]))),
    CONSTRAINT notification_outbox_template_check CHECK ((template ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'::text))
);

ALTER TABLE ONLY public.notification_outbox FORCE ROW LEVEL SECURITY;


--
-- Name: organization; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.organization (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT organization_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT organization_slug_check CHECK ((slug ~ '^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$'::text))
);

ALTER TABLE ONLY public.organization FORCE ROW LEVEL SECURITY;


--
-- Name: password_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.password_token (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    user_id uuid NOT NULL,
    purpose text NOT NULL,
    token_hash bytea NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT password_token_check CHECK ((expires_at > created_at)),
    CONSTRAINT password_token_purpose_check CHECK ((purpose = ANY (ARRAY['invitation'::text, 'reset'::text]))),
    CONSTRAINT password_token_token_hash_check CHECK ((length(token_hash) = 32))
);

ALTER TABLE ONLY public.password_token FORCE ROW LEVEL SECURITY;


--
-- Name: product; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.product (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    sku text NOT NULL,
    name text NOT NULL,
    category text,
    unit text,
    pack_size text,
    image_url text,
    active boolean DEFAULT true NOT NULL,
    source text DEFAULT 'MANUAL'::text NOT NULL,
    external_id text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    external_updated_at timestamp with time zone,
    sales_price_net numeric(14,4),
    currency text,
    CONSTRAINT product_category_check CHECK (((category IS NULL) OR ((length(btrim(category)) >= 1) AND (length(btrim(category)) <= 100)))),
    CONSTRAINT product_check CHECK (((source = 'XENTRAL'::text) = (external_id IS NOT NULL))),
    CONSTRAINT product_currency_check CHECK (((currency IS NULL) OR (currency ~ '^[A-Z]{3}$'::text))),
    CONSTRAINT product_external_id_check CHECK (((external_id IS NULL) OR ((length(external_id) >= 1) AND (length(external_id) <= 100)))),
    CONSTRAINT product_image_url_check CHECK (((image_url IS NULL) OR ((length(image_url) <= 2000) AND (image_url ~ '^(https://|/[^/])'::text)))),
    CONSTRAINT product_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT product_pack_size_check CHECK (((pack_size IS NULL) OR ((length(btrim(pack_size)) >= 1) AND (length(btrim(pack_size)) <= 100)))),
    CONSTRAINT product_price_currency CHECK (((sales_price_net IS NULL) = (currency IS NULL))),
    CONSTRAINT product_sales_price_net_check CHECK (((sales_price_net IS NULL) OR (sales_price_net >= (0)::numeric))),
    CONSTRAINT product_sku_check CHECK ((sku ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'::text)),
    CONSTRAINT product_source_check CHECK ((source = ANY (ARRAY['MANUAL'::text, 'XENTRAL'::text]))),
    CONSTRAINT product_unit_check CHECK (((unit IS NULL) OR ((length(btrim(unit)) >= 1) AND (length(btrim(unit)) <= 40))))
);

ALTER TABLE ONLY public.product FORCE ROW LEVEL SECURITY;


--
-- Name: product_feedback; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.product_feedback (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    phase_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    link_id uuid,
    sku text NOT NULL,
    rating smallint NOT NULL,
    comment text,
    would_reorder boolean,
    contact_name text,
    contact_role text,
    source text NOT NULL,
    sentiment text,
    sentiment_topics text[] DEFAULT '{}'::text[] NOT NULL,
    sentiment_confidence numeric(4,3),
    sentiment_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT product_feedback_check CHECK (((link_id IS NULL) = (source = ANY (ARRAY['PHONE'::text, 'VISIT'::text])))),
    CONSTRAINT product_feedback_comment_check CHECK (((comment IS NULL) OR (length(comment) <= 2000))),
    CONSTRAINT product_feedback_contact_name_check CHECK (((contact_name IS NULL) OR ((length(btrim(contact_name)) >= 1) AND (length(btrim(contact_name)) <= 120)))),
    CONSTRAINT product_feedback_contact_role_check CHECK ((contact_role = ANY (ARRAY['CHEF'::text, 'BUYER'::text, 'GM'::text, 'OTHER'::text]))),
    CONSTRAINT product_feedback_rating_check CHECK (((rating >= 1) AND (rating <= 5))),
    CONSTRAINT product_feedback_sentiment_check CHECK ((sentiment = ANY (ARRAY['positive'::text, 'neutral'::text, 'negative'::text]))),
    CONSTRAINT product_feedback_sentiment_confidence_check CHECK (((sentiment_confidence >= (0)::numeric) AND (sentiment_confidence <= (1)::numeric))),
    CONSTRAINT product_feedback_source_check CHECK ((source = ANY (ARRAY['EMAIL'::text, 'FORM'::text, 'PHONE'::text, 'VISIT'::text])))
);

ALTER TABLE ONLY public.product_feedback FORCE ROW LEVEL SECURITY;


--
-- Name: rate_limit_bucket; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rate_limit_bucket (
    key text NOT NULL,
    window_start timestamp with time zone NOT NULL,
    hits integer NOT NULL
);

ALTER TABLE ONLY public.rate_limit_bucket FORCE ROW LEVEL SECURITY;


--
-- Name: sample_box; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sample_box (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    account_id uuid,
    status text DEFAULT 'CONFIGURED'::text NOT NULL,
    notes text,
    tracking_ref text,
    configured_by uuid,
    configured_at timestamp with time zone DEFAULT now() NOT NULL,
    shipped_at timestamp with time zone,
    delivered_at timestamp with time zone,
    status_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sample_box_check CHECK (((delivered_at IS NULL) OR (shipped_at IS NULL) OR (delivered_at >= shipped_at))),
    CONSTRAINT sample_box_notes_check CHECK (((notes IS NULL) OR (length(notes) <= 4000))),
    CONSTRAINT sample_box_status_check CHECK ((status = ANY (ARRAY['CONFIGURED'::text, 'SHIPPED'::text, 'DELIVERED'::text, 'IN_TEST'::text, 'FEEDBACK'::text, 'DECIDED'::text, 'CANCELLED'::text]))),
    CONSTRAINT sample_box_tracking_ref_check CHECK (((tracking_ref IS NULL) OR ((length(btrim(tracking_ref)) >= 1) AND (length(btrim(tracking_ref)) <= 200))))
);

ALTER TABLE ONLY public.sample_box FORCE ROW LEVEL SECURITY;


--
-- Name: sample_box_item; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sample_box_item (
    org_id uuid NOT NULL,
    box_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    sku text NOT NULL,
    qty integer NOT NULL,
    CONSTRAINT sample_box_item_qty_check CHECK (((qty > 0) AND (qty <= 1000)))
);

ALTER TABLE ONLY public.sample_box_item FORCE ROW LEVEL SECURITY;


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version character varying NOT NULL
);


--
-- Name: setting_value; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.setting_value (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    scope text NOT NULL,
    org_id uuid,
    user_id uuid,
    key text NOT NULL,
    value jsonb NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by uuid,
    CONSTRAINT setting_value_key_check CHECK (((key ~ '^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$'::text) AND (length(key) <= 200))),
    CONSTRAINT setting_value_scope_check CHECK ((scope = ANY (ARRAY['global'::text, 'org'::text, 'user'::text]))),
    CONSTRAINT setting_value_scope_owner CHECK ((((scope = 'global'::text) AND (org_id IS NULL) AND (user_id IS NULL)) OR ((scope = 'org'::text) AND (org_id IS NOT NULL) AND (user_id IS NULL)) OR ((scope = 'user'::text) AND (org_id IS NOT NULL) AND (user_id IS NOT NULL))))
);

ALTER TABLE ONLY public.setting_value FORCE ROW LEVEL SECURITY;


--
-- Name: sync_run; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sync_run (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    connection_id uuid NOT NULL,
    kind text NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    counts jsonb DEFAULT '{}'::jsonb NOT NULL,
    error text,
    cursor text,
    CONSTRAINT sync_run_counts_check CHECK ((jsonb_typeof(counts) = 'object'::text)),
    CONSTRAINT sync_run_cursor_check CHECK (((cursor IS NULL) OR (length(cursor) <= 200))),
    CONSTRAINT sync_run_error_check CHECK ((length(error) <= 2000)),
    CONSTRAINT sync_run_finished_after_start CHECK (((finished_at IS NULL) OR (finished_at >= started_at))),
    CONSTRAINT sync_run_kind_check CHECK ((kind ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'::text))
);

ALTER TABLE ONLY public.sync_run FORCE ROW LEVEL SECURITY;


--
-- Name: test_phase; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.test_phase (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    box_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    stage text NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    decision text,
    decided_at timestamp with time zone,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT test_phase_check CHECK ((end_date >= start_date)),
    CONSTRAINT test_phase_check1 CHECK (((decision IS NULL) = (decided_at IS NULL))),
    CONSTRAINT test_phase_decision_check CHECK ((decision = ANY (ARRAY['LIST'::text, 'CONTINUE'::text, 'REJECT'::text]))),
    CONSTRAINT test_phase_stage_check CHECK ((stage = ANY (ARRAY['SAMPLE'::text, 'TRIAL'::text, 'PRODUCTION_CANDIDATE'::text])))
);

ALTER TABLE ONLY public.test_phase FORCE ROW LEVEL SECURITY;


--
-- Name: test_result; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.test_result (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    phase_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    sku text NOT NULL,
    outcome text NOT NULL,
    sell_through_pct numeric(5,2),
    waste_delta_pct numeric(6,2),
    notes text,
    recorded_by uuid,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT test_result_notes_check CHECK (((notes IS NULL) OR (length(notes) <= 4000))),
    CONSTRAINT test_result_outcome_check CHECK ((outcome = ANY (ARRAY['SUCCESS'::text, 'MIXED'::text, 'FAIL'::text]))),
    CONSTRAINT test_result_sell_through_pct_check CHECK (((sell_through_pct >= (0)::numeric) AND (sell_through_pct <= (100)::numeric))),
    CONSTRAINT test_result_waste_delta_pct_check CHECK (((waste_delta_pct >= ('-100'::integer)::numeric) AND (waste_delta_pct <= (1000)::numeric)))
);

ALTER TABLE ONLY public.test_result FORCE ROW LEVEL SECURITY;


--
-- Name: user_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_session (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    user_agent text,
    revoked_at timestamp with time zone,
    revoked_reason text,
    CONSTRAINT user_session_check CHECK (((revoked_at IS NULL) = (revoked_reason IS NULL))),
    CONSTRAINT user_session_check1 CHECK ((expires_at > created_at)),
    CONSTRAINT user_session_revoked_reason_check CHECK ((revoked_reason = ANY (ARRAY['sign_out'::text, 'sign_out_everywhere'::text, 'password_changed'::text, 'deactivated'::text]))),
    CONSTRAINT user_session_user_agent_check CHECK ((length(user_agent) <= 500))
);

ALTER TABLE ONLY public.user_session FORCE ROW LEVEL SECURITY;


--
-- Name: v_lead_protection; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_lead_protection WITH (security_invoker='true') AS
 SELECT l.id AS lead_id,
    l.org_id,
    p.assignment_id,
    p.owner_user_id,
    p.assigned_at,
    p.last_qual_activity_at,
    p.last_progress_at,
    p.extension_days,
    p.paused_since_assigned,
    p.paused_since_progress,
    p.base_until,
    p.progress_until,
    p.valid_until,
    p.grace_until,
    p.status,
    p.due_soon,
    p.reminder_due_at,
    p.mode,
    p.hold_open
   FROM (public.lead l
     CROSS JOIN LATERAL public.app_lead_protection_of(l.id, public.app_now()) p(assignment_id, owner_user_id, assigned_at, last_qual_activity_at, last_progress_at, extension_days, paused_since_assigned, paused_since_progress, base_until, progress_until, valid_until, grace_until, status, due_soon, reminder_due_at, mode, hold_open));


--
-- Name: ai_budget_org_month ai_budget_org_month_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_budget_org_month
    ADD CONSTRAINT ai_budget_org_month_pkey PRIMARY KEY (org_id, month);


--
-- Name: ai_budget_reservation ai_budget_reservation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_budget_reservation
    ADD CONSTRAINT ai_budget_reservation_pkey PRIMARY KEY (id);


--
-- Name: ai_budget_user_month ai_budget_user_month_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_budget_user_month
    ADD CONSTRAINT ai_budget_user_month_pkey PRIMARY KEY (org_id, user_id, month);


--
-- Name: ai_cache ai_cache_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_cache
    ADD CONSTRAINT ai_cache_pkey PRIMARY KEY (org_id, key);


--
-- Name: ai_call ai_call_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_call
    ADD CONSTRAINT ai_call_pkey PRIMARY KEY (id);


--
-- Name: ai_model_price ai_model_price_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_model_price
    ADD CONSTRAINT ai_model_price_pkey PRIMARY KEY (model);


--
-- Name: alert_event alert_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_event
    ADD CONSTRAINT alert_event_pkey PRIMARY KEY (id);


--
-- Name: alert_rule alert_rule_metric_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_rule
    ADD CONSTRAINT alert_rule_metric_key UNIQUE (metric);


--
-- Name: alert_rule alert_rule_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_rule
    ADD CONSTRAINT alert_rule_pkey PRIMARY KEY (id);


--
-- Name: api_token api_token_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT api_token_pkey PRIMARY KEY (id);


--
-- Name: api_token api_token_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT api_token_token_hash_key UNIQUE (token_hash);


--
-- Name: app_log app_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.app_log
    ADD CONSTRAINT app_log_pkey PRIMARY KEY (id);


--
-- Name: app_user app_user_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.app_user
    ADD CONSTRAINT app_user_email_key UNIQUE (email);


--
-- Name: app_user app_user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.app_user
    ADD CONSTRAINT app_user_pkey PRIMARY KEY (id);


--
-- Name: audit_event audit_event_org_event_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_event
    ADD CONSTRAINT audit_event_org_event_key UNIQUE (org_id, id);


--
-- Name: audit_event audit_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_event
    ADD CONSTRAINT audit_event_pkey PRIMARY KEY (id);


--
-- Name: audit_seal audit_seal_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_seal
    ADD CONSTRAINT audit_seal_pkey PRIMARY KEY (event_id, key_id);


--
-- Name: backup_drill backup_drill_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backup_drill
    ADD CONSTRAINT backup_drill_pkey PRIMARY KEY (id);


--
-- Name: backup_run backup_run_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backup_run
    ADD CONSTRAINT backup_run_pkey PRIMARY KEY (id);


--
-- Name: credit_company credit_company_company_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_company
    ADD CONSTRAINT credit_company_company_key UNIQUE (org_id, company_id);


--
-- Name: credit_company credit_company_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_company
    ADD CONSTRAINT credit_company_org_id_id_key UNIQUE (org_id, id);


--
-- Name: credit_company credit_company_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_company
    ADD CONSTRAINT credit_company_pkey PRIMARY KEY (id);


--
-- Name: credit_limit_request credit_limit_request_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_limit_request
    ADD CONSTRAINT credit_limit_request_pkey PRIMARY KEY (id);


--
-- Name: feedback_link feedback_link_lead_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_link
    ADD CONSTRAINT feedback_link_lead_key UNIQUE (org_id, id, lead_id);


--
-- Name: feedback_link feedback_link_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_link
    ADD CONSTRAINT feedback_link_org_id_id_key UNIQUE (org_id, id);


--
-- Name: feedback_link feedback_link_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_link
    ADD CONSTRAINT feedback_link_pkey PRIMARY KEY (id);


--
-- Name: feedback_link feedback_link_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_link
    ADD CONSTRAINT feedback_link_token_hash_key UNIQUE (token_hash);


--
-- Name: feedback_submission feedback_submission_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_submission
    ADD CONSTRAINT feedback_submission_pkey PRIMARY KEY (link_id);


--
-- Name: help_article help_article_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article
    ADD CONSTRAINT help_article_org_id_id_key UNIQUE (org_id, id);


--
-- Name: help_article help_article_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article
    ADD CONSTRAINT help_article_pkey PRIMARY KEY (id);


--
-- Name: help_article help_article_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article
    ADD CONSTRAINT help_article_slug_key UNIQUE (org_id, locale, slug);


--
-- Name: help_article_version help_article_version_number_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article_version
    ADD CONSTRAINT help_article_version_number_key UNIQUE (org_id, article_id, number);


--
-- Name: help_article_version help_article_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article_version
    ADD CONSTRAINT help_article_version_pkey PRIMARY KEY (id);


--
-- Name: help_experiment_arm help_experiment_arm_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment_arm
    ADD CONSTRAINT help_experiment_arm_pkey PRIMARY KEY (id);


--
-- Name: help_experiment_arm help_experiment_arm_position_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment_arm
    ADD CONSTRAINT help_experiment_arm_position_key UNIQUE (org_id, experiment_id, "position");


--
-- Name: help_experiment help_experiment_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment
    ADD CONSTRAINT help_experiment_org_id_id_key UNIQUE (org_id, id);


--
-- Name: help_experiment help_experiment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment
    ADD CONSTRAINT help_experiment_pkey PRIMARY KEY (id);


--
-- Name: help_exposure help_exposure_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_exposure
    ADD CONSTRAINT help_exposure_pkey PRIMARY KEY (id);


--
-- Name: help_exposure help_exposure_reader_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_exposure
    ADD CONSTRAINT help_exposure_reader_key UNIQUE (org_id, experiment_id, user_id);


--
-- Name: help_feedback help_feedback_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_feedback
    ADD CONSTRAINT help_feedback_pkey PRIMARY KEY (id);


--
-- Name: help_feedback help_feedback_vote_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_feedback
    ADD CONSTRAINT help_feedback_vote_key UNIQUE (org_id, article_id, user_id);


--
-- Name: help_guide help_guide_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide
    ADD CONSTRAINT help_guide_org_id_id_key UNIQUE (org_id, id);


--
-- Name: help_guide help_guide_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide
    ADD CONSTRAINT help_guide_pkey PRIMARY KEY (id);


--
-- Name: help_guide_progress help_guide_progress_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide_progress
    ADD CONSTRAINT help_guide_progress_pkey PRIMARY KEY (org_id, user_id, step_id);


--
-- Name: help_guide help_guide_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide
    ADD CONSTRAINT help_guide_slug_key UNIQUE (org_id, locale, slug);


--
-- Name: help_guide_step help_guide_step_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide_step
    ADD CONSTRAINT help_guide_step_org_id_id_key UNIQUE (org_id, id);


--
-- Name: help_guide_step help_guide_step_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide_step
    ADD CONSTRAINT help_guide_step_pkey PRIMARY KEY (id);


--
-- Name: help_guide_step help_guide_step_position_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide_step
    ADD CONSTRAINT help_guide_step_position_key UNIQUE (org_id, guide_id, "position");


--
-- Name: help_question help_question_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_question
    ADD CONSTRAINT help_question_pkey PRIMARY KEY (id);


--
-- Name: help_search_log help_search_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_search_log
    ADD CONSTRAINT help_search_log_pkey PRIMARY KEY (id);


--
-- Name: help_synonym help_synonym_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_synonym
    ADD CONSTRAINT help_synonym_pkey PRIMARY KEY (id);


--
-- Name: help_synonym help_synonym_term_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_synonym
    ADD CONSTRAINT help_synonym_term_key UNIQUE (org_id, term, expansion);


--
-- Name: help_word help_word_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_word
    ADD CONSTRAINT help_word_pkey PRIMARY KEY (org_id, space, word);


--
-- Name: idempotency_key idempotency_key_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idempotency_key
    ADD CONSTRAINT idempotency_key_pkey PRIMARY KEY (org_id, caller, key);


--
-- Name: integration_call integration_call_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_call
    ADD CONSTRAINT integration_call_pkey PRIMARY KEY (id);


--
-- Name: integration_connection integration_connection_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_connection
    ADD CONSTRAINT integration_connection_name_key UNIQUE (org_id, name);


--
-- Name: integration_connection integration_connection_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_connection
    ADD CONSTRAINT integration_connection_org_id_id_key UNIQUE (org_id, id);


--
-- Name: integration_connection integration_connection_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_connection
    ADD CONSTRAINT integration_connection_pkey PRIMARY KEY (id);


--
-- Name: integration_webhook_event integration_webhook_event_event_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_webhook_event
    ADD CONSTRAINT integration_webhook_event_event_key UNIQUE (org_id, connection_id, event_id);


--
-- Name: integration_webhook_event integration_webhook_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_webhook_event
    ADD CONSTRAINT integration_webhook_event_pkey PRIMARY KEY (id);


--
-- Name: job_run job_run_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_run
    ADD CONSTRAINT job_run_pkey PRIMARY KEY (id);


--
-- Name: lead_activity lead_activity_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_activity
    ADD CONSTRAINT lead_activity_org_id_id_key UNIQUE (org_id, id);


--
-- Name: lead_activity lead_activity_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_activity
    ADD CONSTRAINT lead_activity_pkey PRIMARY KEY (id);


--
-- Name: lead_assignment lead_assignment_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_assignment
    ADD CONSTRAINT lead_assignment_org_id_id_key UNIQUE (org_id, id);


--
-- Name: lead_assignment lead_assignment_org_id_lead_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_assignment
    ADD CONSTRAINT lead_assignment_org_id_lead_id_id_key UNIQUE (org_id, lead_id, id);


--
-- Name: lead_assignment lead_assignment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_assignment
    ADD CONSTRAINT lead_assignment_pkey PRIMARY KEY (id);


--
-- Name: lead_collaborator lead_collaborator_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_collaborator
    ADD CONSTRAINT lead_collaborator_pkey PRIMARY KEY (lead_id, user_id);


--
-- Name: lead_credit lead_credit_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_credit
    ADD CONSTRAINT lead_credit_pkey PRIMARY KEY (lead_id);


--
-- Name: lead_extension_request lead_extension_request_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_extension_request
    ADD CONSTRAINT lead_extension_request_pkey PRIMARY KEY (id);


--
-- Name: lead_hold lead_hold_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_hold
    ADD CONSTRAINT lead_hold_pkey PRIMARY KEY (id);


--
-- Name: lead lead_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead
    ADD CONSTRAINT lead_org_id_id_key UNIQUE (org_id, id);


--
-- Name: lead lead_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead
    ADD CONSTRAINT lead_pkey PRIMARY KEY (id);


--
-- Name: lead_protection_daily lead_protection_daily_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_protection_daily
    ADD CONSTRAINT lead_protection_daily_pkey PRIMARY KEY (org_id, day);


--
-- Name: lead_reminder lead_reminder_assignment_id_type_due_at_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_reminder
    ADD CONSTRAINT lead_reminder_assignment_id_type_due_at_key UNIQUE (assignment_id, type, due_at);


--
-- Name: lead_reminder lead_reminder_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_reminder
    ADD CONSTRAINT lead_reminder_pkey PRIMARY KEY (id);


--
-- Name: lead_xentral lead_xentral_org_id_order_number_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_xentral
    ADD CONSTRAINT lead_xentral_org_id_order_number_key UNIQUE (org_id, order_number);


--
-- Name: lead_xentral lead_xentral_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_xentral
    ADD CONSTRAINT lead_xentral_pkey PRIMARY KEY (org_id, lead_id);


--
-- Name: mail_inbox_state mail_inbox_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_inbox_state
    ADD CONSTRAINT mail_inbox_state_pkey PRIMARY KEY (connection_id, mailbox);


--
-- Name: mail_message mail_message_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_message
    ADD CONSTRAINT mail_message_org_id_id_key UNIQUE (org_id, id);


--
-- Name: mail_message mail_message_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_message
    ADD CONSTRAINT mail_message_pkey PRIMARY KEY (id);


--
-- Name: mail_message mail_message_place_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_message
    ADD CONSTRAINT mail_message_place_key UNIQUE (connection_id, mailbox, uid_validity, uid);


--
-- Name: mail_suggestion mail_suggestion_message_lead_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_suggestion
    ADD CONSTRAINT mail_suggestion_message_lead_key UNIQUE (message_ref, lead_id);


--
-- Name: mail_suggestion mail_suggestion_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_suggestion
    ADD CONSTRAINT mail_suggestion_pkey PRIMARY KEY (id);


--
-- Name: membership membership_org_id_user_id_role_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.membership
    ADD CONSTRAINT membership_org_id_user_id_role_key UNIQUE (org_id, user_id, role);


--
-- Name: membership membership_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.membership
    ADD CONSTRAINT membership_pkey PRIMARY KEY (org_id, user_id);


--
-- Name: notification_outbox notification_outbox_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notification_outbox
    ADD CONSTRAINT notification_outbox_once UNIQUE (org_id, recipient_user_id, channel, dedupe_key);


--
-- Name: notification_outbox notification_outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notification_outbox
    ADD CONSTRAINT notification_outbox_pkey PRIMARY KEY (id);


--
-- Name: organization organization_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organization
    ADD CONSTRAINT organization_pkey PRIMARY KEY (id);


--
-- Name: organization organization_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organization
    ADD CONSTRAINT organization_slug_key UNIQUE (slug);


--
-- Name: password_token password_token_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.password_token
    ADD CONSTRAINT password_token_pkey PRIMARY KEY (id);


--
-- Name: password_token password_token_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.password_token
    ADD CONSTRAINT password_token_token_hash_key UNIQUE (token_hash);


--
-- Name: product product_external_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product
    ADD CONSTRAINT product_external_key UNIQUE (org_id, source, external_id);


--
-- Name: product_feedback product_feedback_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_feedback
    ADD CONSTRAINT product_feedback_once UNIQUE (link_id, sku);


--
-- Name: product_feedback product_feedback_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_feedback
    ADD CONSTRAINT product_feedback_pkey PRIMARY KEY (id);


--
-- Name: product product_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product
    ADD CONSTRAINT product_org_id_id_key UNIQUE (org_id, id);


--
-- Name: product product_org_sku_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product
    ADD CONSTRAINT product_org_sku_key UNIQUE (org_id, sku);


--
-- Name: product product_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product
    ADD CONSTRAINT product_pkey PRIMARY KEY (id);


--
-- Name: rate_limit_bucket rate_limit_bucket_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rate_limit_bucket
    ADD CONSTRAINT rate_limit_bucket_pkey PRIMARY KEY (key);


--
-- Name: sample_box_item sample_box_item_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box_item
    ADD CONSTRAINT sample_box_item_pkey PRIMARY KEY (box_id, sku);


--
-- Name: sample_box sample_box_lead_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box
    ADD CONSTRAINT sample_box_lead_key UNIQUE (org_id, id, lead_id);


--
-- Name: sample_box sample_box_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box
    ADD CONSTRAINT sample_box_org_id_id_key UNIQUE (org_id, id);


--
-- Name: sample_box sample_box_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box
    ADD CONSTRAINT sample_box_pkey PRIMARY KEY (id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: setting_value setting_value_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.setting_value
    ADD CONSTRAINT setting_value_pkey PRIMARY KEY (id);


--
-- Name: setting_value setting_value_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.setting_value
    ADD CONSTRAINT setting_value_unique UNIQUE NULLS NOT DISTINCT (scope, org_id, user_id, key);


--
-- Name: sync_run sync_run_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_run
    ADD CONSTRAINT sync_run_pkey PRIMARY KEY (id);


--
-- Name: test_phase test_phase_lead_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_phase
    ADD CONSTRAINT test_phase_lead_key UNIQUE (org_id, id, lead_id);


--
-- Name: test_phase test_phase_org_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_phase
    ADD CONSTRAINT test_phase_org_id_id_key UNIQUE (org_id, id);


--
-- Name: test_phase test_phase_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_phase
    ADD CONSTRAINT test_phase_pkey PRIMARY KEY (id);


--
-- Name: test_result test_result_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_result
    ADD CONSTRAINT test_result_once UNIQUE (phase_id, sku);


--
-- Name: test_result test_result_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_result
    ADD CONSTRAINT test_result_pkey PRIMARY KEY (id);


--
-- Name: user_session user_session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_session
    ADD CONSTRAINT user_session_pkey PRIMARY KEY (id);


--
-- Name: ai_budget_reservation_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ai_budget_reservation_open_idx ON public.ai_budget_reservation USING btree (org_id, created_at) WHERE (status = 'open'::text);


--
-- Name: ai_cache_expiry_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ai_cache_expiry_idx ON public.ai_cache USING btree (org_id, expires_at);


--
-- Name: ai_call_org_time_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ai_call_org_time_idx ON public.ai_call USING btree (org_id, created_at);


--
-- Name: alert_event_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX alert_event_open_idx ON public.alert_event USING btree (rule_id) WHERE (state = ANY (ARRAY['pending'::text, 'firing'::text]));


--
-- Name: alert_event_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX alert_event_started_idx ON public.alert_event USING btree (started_at DESC);


--
-- Name: api_token_owner_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_token_owner_idx ON public.api_token USING btree (org_id, user_id);


--
-- Name: app_log_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX app_log_at_idx ON public.app_log USING btree (at);


--
-- Name: app_log_fingerprint_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX app_log_fingerprint_idx ON public.app_log USING btree (fingerprint, at DESC);


--
-- Name: app_log_org_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX app_log_org_at_idx ON public.app_log USING btree (org_id, at DESC);


--
-- Name: audit_event_org_action_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_event_org_action_idx ON public.audit_event USING btree (org_id, action);


--
-- Name: audit_event_org_resource_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_event_org_resource_idx ON public.audit_event USING btree (org_id, resource_type, resource_id);


--
-- Name: audit_event_org_time_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_event_org_time_idx ON public.audit_event USING btree (org_id, created_at DESC, id DESC);


--
-- Name: audit_seal_chain_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_seal_chain_idx ON public.audit_seal USING btree (org_id, event_id);


--
-- Name: backup_drill_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backup_drill_started_idx ON public.backup_drill USING btree (started_at DESC);


--
-- Name: backup_run_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backup_run_started_idx ON public.backup_run USING btree (started_at DESC);


--
-- Name: credit_limit_request_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX credit_limit_request_lead_idx ON public.credit_limit_request USING btree (org_id, lead_id, requested_at DESC);


--
-- Name: credit_limit_request_pending_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX credit_limit_request_pending_key ON public.credit_limit_request USING btree (org_id, lead_id) WHERE (state = 'PENDING'::text);


--
-- Name: feedback_link_phase_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX feedback_link_phase_idx ON public.feedback_link USING btree (phase_id, created_at DESC);


--
-- Name: feedback_link_remind_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX feedback_link_remind_idx ON public.feedback_link USING btree (org_id, invited_at) WHERE ((reminded_at IS NULL) AND (submitted_at IS NULL) AND (revoked_at IS NULL));


--
-- Name: help_article_keys_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX help_article_keys_idx ON public.help_article USING gin (help_keys);


--
-- Name: help_article_search_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX help_article_search_idx ON public.help_article USING gin (search_doc);


--
-- Name: help_experiment_running_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX help_experiment_running_key ON public.help_experiment USING btree (org_id, article_id) WHERE (status = 'RUNNING'::text);


--
-- Name: help_exposure_experiment_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX help_exposure_experiment_idx ON public.help_exposure USING btree (org_id, experiment_id, arm);


--
-- Name: help_question_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX help_question_user_idx ON public.help_question USING btree (org_id, user_id, created_at);


--
-- Name: help_search_log_gap_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX help_search_log_gap_idx ON public.help_search_log USING btree (org_id, created_at) WHERE (result_count = 0);


--
-- Name: help_word_trgm_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX help_word_trgm_idx ON public.help_word USING gin (word public.gin_trgm_ops);


--
-- Name: idempotency_key_expiry_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idempotency_key_expiry_idx ON public.idempotency_key USING btree (expires_at);


--
-- Name: integration_call_connection_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX integration_call_connection_idx ON public.integration_call USING btree (org_id, connection_id, at DESC);


--
-- Name: integration_call_org_time_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX integration_call_org_time_idx ON public.integration_call USING btree (org_id, at DESC);


--
-- Name: integration_connection_enabled_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX integration_connection_enabled_idx ON public.integration_connection USING btree (org_id, provider) WHERE enabled;


--
-- Name: integration_webhook_event_list_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX integration_webhook_event_list_idx ON public.integration_webhook_event USING btree (org_id, received_at DESC);


--
-- Name: integration_webhook_event_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX integration_webhook_event_pending_idx ON public.integration_webhook_event USING btree (org_id, received_at) WHERE (status = 'RECEIVED'::text);


--
-- Name: job_run_job_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX job_run_job_started_idx ON public.job_run USING btree (job_id, started_at DESC);


--
-- Name: job_run_started_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX job_run_started_idx ON public.job_run USING btree (started_at DESC);


--
-- Name: lead_activity_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_activity_lead_idx ON public.lead_activity USING btree (lead_id, at DESC);


--
-- Name: lead_assignment_current_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX lead_assignment_current_idx ON public.lead_assignment USING btree (lead_id) WHERE (released_at IS NULL);


--
-- Name: lead_assignment_expiry_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_assignment_expiry_idx ON public.lead_assignment USING btree (org_id, expires_at) WHERE (released_at IS NULL);


--
-- Name: lead_assignment_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_assignment_lead_idx ON public.lead_assignment USING btree (lead_id);


--
-- Name: lead_assignment_owner_ending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_assignment_owner_ending_idx ON public.lead_assignment USING btree (owner_user_id, COALESCE(expires_at, 'infinity'::timestamp with time zone), lead_id) WHERE (released_at IS NULL);


--
-- Name: lead_assignment_owner_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_assignment_owner_idx ON public.lead_assignment USING btree (org_id, owner_user_id) WHERE (released_at IS NULL);


--
-- Name: lead_assignment_owner_recent_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_assignment_owner_recent_idx ON public.lead_assignment USING btree (owner_user_id, lead_created_at DESC, lead_id DESC) WHERE (released_at IS NULL);


--
-- Name: lead_collaborator_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_collaborator_user_idx ON public.lead_collaborator USING btree (org_id, user_id);


--
-- Name: lead_contact_first_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_contact_first_name_idx ON public.lead USING btree (org_id, contact_first_name) WHERE (contact_first_name IS NOT NULL);


--
-- Name: lead_contact_last_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_contact_last_name_idx ON public.lead USING btree (org_id, contact_last_name) WHERE (contact_last_name IS NOT NULL);


--
-- Name: lead_credit_company_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_credit_company_idx ON public.lead_credit USING btree (org_id, company_ref);


--
-- Name: lead_duplicate_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_duplicate_idx ON public.lead USING btree (org_id, city_key, company_key);


--
-- Name: lead_email_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_email_idx ON public.lead USING btree (org_id, contact_email) WHERE (contact_email IS NOT NULL);


--
-- Name: lead_extension_assignment_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_extension_assignment_idx ON public.lead_extension_request USING btree (assignment_id) WHERE (status = 'APPROVED'::text);


--
-- Name: lead_extension_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_extension_pending_idx ON public.lead_extension_request USING btree (org_id, requested_at) WHERE (status = 'PENDING'::text);


--
-- Name: lead_hold_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_hold_lead_idx ON public.lead_hold USING btree (lead_id, start_at);


--
-- Name: lead_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_org_idx ON public.lead USING btree (org_id, created_at DESC);


--
-- Name: mail_message_message_id_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX mail_message_message_id_key ON public.mail_message USING btree (org_id, message_id) WHERE (message_id IS NOT NULL);


--
-- Name: mail_suggestion_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mail_suggestion_lead_idx ON public.mail_suggestion USING btree (org_id, lead_id, received_at DESC);


--
-- Name: mail_suggestion_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mail_suggestion_pending_idx ON public.mail_suggestion USING btree (org_id, received_at DESC) WHERE (status = 'PENDING'::text);


--
-- Name: membership_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX membership_user_idx ON public.membership USING btree (user_id);


--
-- Name: mv_lead_protection_summary_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX mv_lead_protection_summary_key ON public.mv_lead_protection_summary USING btree (org_id, owner_user_id, status, due_soon);


--
-- Name: notification_outbox_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notification_outbox_due_idx ON public.notification_outbox USING btree (next_attempt_at) WHERE ((channel = 'EMAIL'::text) AND (state = ANY (ARRAY['QUEUED'::text, 'SENDING'::text])));


--
-- Name: notification_outbox_inbox_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notification_outbox_inbox_idx ON public.notification_outbox USING btree (org_id, recipient_user_id, created_at DESC) WHERE (channel = 'INAPP'::text);


--
-- Name: notification_outbox_once_customer; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX notification_outbox_once_customer ON public.notification_outbox USING btree (org_id, recipient_email, dedupe_key) WHERE (recipient_user_id IS NULL);


--
-- Name: notification_outbox_unread_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notification_outbox_unread_idx ON public.notification_outbox USING btree (org_id, recipient_user_id) WHERE ((channel = 'INAPP'::text) AND (read_at IS NULL));


--
-- Name: password_token_member_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX password_token_member_idx ON public.password_token USING btree (org_id, user_id);


--
-- Name: product_active_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_active_idx ON public.product USING btree (org_id, category, name) WHERE active;


--
-- Name: product_feedback_phase_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_feedback_phase_idx ON public.product_feedback USING btree (phase_id, created_at);


--
-- Name: product_feedback_sentiment_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_feedback_sentiment_idx ON public.product_feedback USING btree (org_id, created_at) WHERE ((sentiment IS NULL) AND (comment IS NOT NULL));


--
-- Name: sample_box_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sample_box_lead_idx ON public.sample_box USING btree (org_id, lead_id, configured_at DESC);


--
-- Name: sample_box_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sample_box_status_idx ON public.sample_box USING btree (org_id, status);


--
-- Name: setting_value_member_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX setting_value_member_idx ON public.setting_value USING btree (org_id, user_id) WHERE (user_id IS NOT NULL);


--
-- Name: sync_run_connection_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sync_run_connection_idx ON public.sync_run USING btree (org_id, connection_id, started_at DESC);


--
-- Name: test_phase_box_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX test_phase_box_idx ON public.test_phase USING btree (box_id, start_date);


--
-- Name: test_phase_end_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX test_phase_end_idx ON public.test_phase USING btree (org_id, end_date);


--
-- Name: user_session_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX user_session_user_idx ON public.user_session USING btree (user_id);


--
-- Name: app_user app_user_sessions_end; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER app_user_sessions_end AFTER UPDATE OF password_hash, active ON public.app_user FOR EACH ROW WHEN (((old.password_hash IS DISTINCT FROM new.password_hash) OR (old.active AND (NOT new.active)))) EXECUTE FUNCTION public.app_user_sessions_end();


--
-- Name: audit_event audit_event_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_event_append_only BEFORE DELETE OR UPDATE ON public.audit_event FOR EACH ROW EXECUTE FUNCTION public.app_audit_refuse_change();


--
-- Name: audit_event audit_event_link; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_event_link BEFORE INSERT ON public.audit_event FOR EACH ROW EXECUTE FUNCTION public.app_audit_link();


--
-- Name: audit_event audit_event_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON public.audit_event FOR EACH STATEMENT EXECUTE FUNCTION public.app_audit_refuse_change();


--
-- Name: audit_seal audit_seal_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_seal_append_only BEFORE DELETE OR UPDATE ON public.audit_seal FOR EACH ROW EXECUTE FUNCTION public.app_audit_refuse_change();


--
-- Name: audit_seal audit_seal_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON public.audit_seal FOR EACH STATEMENT EXECUTE FUNCTION public.app_audit_refuse_change();


--
-- Name: help_article help_article_learn_words_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER help_article_learn_words_insert AFTER INSERT ON public.help_article REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.app_help_learn_words();


--
-- Name: help_article help_article_learn_words_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER help_article_learn_words_update AFTER UPDATE ON public.help_article REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.app_help_learn_words();


--
-- Name: lead_activity lead_activity_expiry; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER lead_activity_expiry AFTER INSERT OR DELETE OR UPDATE ON public.lead_activity FOR EACH ROW EXECUTE FUNCTION public.app_lead_expiry_trigger();


--
-- Name: lead_assignment lead_assignment_created_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER lead_assignment_created_at BEFORE INSERT OR UPDATE OF lead_id ON public.lead_assignment FOR EACH ROW EXECUTE FUNCTION public.app_lead_assignment_created_at();


--
-- Name: lead_assignment lead_assignment_expiry; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER lead_assignment_expiry AFTER INSERT OR UPDATE OF assigned_at, released_at, owner_user_id ON public.lead_assignment FOR EACH ROW EXECUTE FUNCTION public.app_lead_expiry_trigger();


--
-- Name: lead lead_created_at_sync; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER lead_created_at_sync AFTER UPDATE OF created_at ON public.lead FOR EACH ROW WHEN ((new.created_at IS DISTINCT FROM old.created_at)) EXECUTE FUNCTION public.app_lead_created_at_sync();


--
-- Name: lead_extension_request lead_extension_expiry; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER lead_extension_expiry AFTER INSERT OR DELETE OR UPDATE OF status, days ON public.lead_extension_request FOR EACH ROW EXECUTE FUNCTION public.app_lead_expiry_trigger();


--
-- Name: lead_hold lead_hold_expiry; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER lead_hold_expiry AFTER INSERT OR DELETE OR UPDATE ON public.lead_hold FOR EACH ROW EXECUTE FUNCTION public.app_lead_expiry_trigger();


--
-- Name: membership membership_sessions_end; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER membership_sessions_end AFTER DELETE OR UPDATE OF active ON public.membership FOR EACH ROW EXECUTE FUNCTION public.app_membership_sessions_end();


--
-- Name: setting_value setting_value_lead_expiry; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER setting_value_lead_expiry AFTER INSERT OR UPDATE ON public.setting_value FOR EACH ROW WHEN (((new.scope = 'global'::text) AND (new.key ~~ 'lead.protection.%'::text))) EXECUTE FUNCTION public.app_lead_expiry_settings_trigger();


--
-- Name: setting_value setting_value_lead_expiry_removed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER setting_value_lead_expiry_removed AFTER DELETE ON public.setting_value FOR EACH ROW WHEN (((old.scope = 'global'::text) AND (old.key ~~ 'lead.protection.%'::text))) EXECUTE FUNCTION public.app_lead_expiry_settings_trigger();


--
-- Name: ai_budget_org_month ai_budget_org_month_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_budget_org_month
    ADD CONSTRAINT ai_budget_org_month_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: ai_budget_reservation ai_budget_reservation_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_budget_reservation
    ADD CONSTRAINT ai_budget_reservation_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: ai_budget_reservation ai_budget_reservation_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_budget_reservation
    ADD CONSTRAINT ai_budget_reservation_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: ai_budget_user_month ai_budget_user_month_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_budget_user_month
    ADD CONSTRAINT ai_budget_user_month_member_fkey FOREIGN KEY (org_id, user_id) REFERENCES public.membership(org_id, user_id) ON DELETE CASCADE;


--
-- Name: ai_budget_user_month ai_budget_user_month_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_budget_user_month
    ADD CONSTRAINT ai_budget_user_month_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: ai_cache ai_cache_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_cache
    ADD CONSTRAINT ai_cache_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: ai_call ai_call_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_call
    ADD CONSTRAINT ai_call_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: ai_call ai_call_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_call
    ADD CONSTRAINT ai_call_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: ai_model_price ai_model_price_updated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_model_price
    ADD CONSTRAINT ai_model_price_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: alert_event alert_event_rule_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_event
    ADD CONSTRAINT alert_event_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES public.alert_rule(id);


--
-- Name: alert_rule alert_rule_updated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_rule
    ADD CONSTRAINT alert_rule_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.app_user(id);


--
-- Name: api_token api_token_org_id_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_token
    ADD CONSTRAINT api_token_org_id_user_id_fkey FOREIGN KEY (org_id, user_id) REFERENCES public.membership(org_id, user_id) ON DELETE CASCADE;


--
-- Name: app_log app_log_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.app_log
    ADD CONSTRAINT app_log_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: audit_event audit_event_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_event
    ADD CONSTRAINT audit_event_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE RESTRICT;


--
-- Name: audit_seal audit_seal_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_seal
    ADD CONSTRAINT audit_seal_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.audit_event(id) ON DELETE RESTRICT;


--
-- Name: audit_seal audit_seal_org_id_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_seal
    ADD CONSTRAINT audit_seal_org_id_event_id_fkey FOREIGN KEY (org_id, event_id) REFERENCES public.audit_event(org_id, id) ON DELETE RESTRICT;


--
-- Name: backup_drill backup_drill_backup_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backup_drill
    ADD CONSTRAINT backup_drill_backup_id_fkey FOREIGN KEY (backup_id) REFERENCES public.backup_run(id);


--
-- Name: credit_company credit_company_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_company
    ADD CONSTRAINT credit_company_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: credit_limit_request credit_limit_request_company_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_limit_request
    ADD CONSTRAINT credit_limit_request_company_fkey FOREIGN KEY (org_id, company_ref) REFERENCES public.credit_company(org_id, id) ON DELETE CASCADE;


--
-- Name: credit_limit_request credit_limit_request_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_limit_request
    ADD CONSTRAINT credit_limit_request_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: credit_limit_request credit_limit_request_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_limit_request
    ADD CONSTRAINT credit_limit_request_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: credit_limit_request credit_limit_request_requested_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_limit_request
    ADD CONSTRAINT credit_limit_request_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: feedback_link feedback_link_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_link
    ADD CONSTRAINT feedback_link_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: feedback_link feedback_link_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_link
    ADD CONSTRAINT feedback_link_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: feedback_link feedback_link_phase_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_link
    ADD CONSTRAINT feedback_link_phase_fkey FOREIGN KEY (org_id, phase_id, lead_id) REFERENCES public.test_phase(org_id, id, lead_id) ON DELETE CASCADE;


--
-- Name: feedback_link feedback_link_replaces_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_link
    ADD CONSTRAINT feedback_link_replaces_fkey FOREIGN KEY (org_id, replaces_id) REFERENCES public.feedback_link(org_id, id) ON DELETE SET NULL (replaces_id);


--
-- Name: feedback_submission feedback_submission_link_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_submission
    ADD CONSTRAINT feedback_submission_link_fkey FOREIGN KEY (org_id, link_id, lead_id) REFERENCES public.feedback_link(org_id, id, lead_id) ON DELETE CASCADE;


--
-- Name: feedback_submission feedback_submission_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_submission
    ADD CONSTRAINT feedback_submission_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_article help_article_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article
    ADD CONSTRAINT help_article_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: help_article help_article_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article
    ADD CONSTRAINT help_article_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_article help_article_reviewed_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article
    ADD CONSTRAINT help_article_reviewed_by_fkey FOREIGN KEY (reviewed_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: help_article help_article_updated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article
    ADD CONSTRAINT help_article_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: help_article_version help_article_version_article_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article_version
    ADD CONSTRAINT help_article_version_article_fkey FOREIGN KEY (org_id, article_id) REFERENCES public.help_article(org_id, id) ON DELETE CASCADE;


--
-- Name: help_article_version help_article_version_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article_version
    ADD CONSTRAINT help_article_version_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: help_article_version help_article_version_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_article_version
    ADD CONSTRAINT help_article_version_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_experiment_arm help_experiment_arm_experiment_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment_arm
    ADD CONSTRAINT help_experiment_arm_experiment_fkey FOREIGN KEY (org_id, experiment_id) REFERENCES public.help_experiment(org_id, id) ON DELETE CASCADE;


--
-- Name: help_experiment_arm help_experiment_arm_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment_arm
    ADD CONSTRAINT help_experiment_arm_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_experiment help_experiment_article_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment
    ADD CONSTRAINT help_experiment_article_fkey FOREIGN KEY (org_id, article_id) REFERENCES public.help_article(org_id, id) ON DELETE CASCADE;


--
-- Name: help_experiment help_experiment_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment
    ADD CONSTRAINT help_experiment_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: help_experiment help_experiment_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment
    ADD CONSTRAINT help_experiment_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_experiment help_experiment_stopped_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_experiment
    ADD CONSTRAINT help_experiment_stopped_by_fkey FOREIGN KEY (stopped_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: help_exposure help_exposure_arm_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_exposure
    ADD CONSTRAINT help_exposure_arm_fkey FOREIGN KEY (org_id, experiment_id, arm) REFERENCES public.help_experiment_arm(org_id, experiment_id, "position") ON DELETE CASCADE;


--
-- Name: help_exposure help_exposure_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_exposure
    ADD CONSTRAINT help_exposure_member_fkey FOREIGN KEY (org_id, user_id) REFERENCES public.membership(org_id, user_id) ON DELETE CASCADE;


--
-- Name: help_exposure help_exposure_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_exposure
    ADD CONSTRAINT help_exposure_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_feedback help_feedback_article_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_feedback
    ADD CONSTRAINT help_feedback_article_fkey FOREIGN KEY (org_id, article_id) REFERENCES public.help_article(org_id, id) ON DELETE CASCADE;


--
-- Name: help_feedback help_feedback_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_feedback
    ADD CONSTRAINT help_feedback_member_fkey FOREIGN KEY (org_id, user_id) REFERENCES public.membership(org_id, user_id) ON DELETE CASCADE;


--
-- Name: help_feedback help_feedback_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_feedback
    ADD CONSTRAINT help_feedback_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_guide help_guide_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide
    ADD CONSTRAINT help_guide_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: help_guide help_guide_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide
    ADD CONSTRAINT help_guide_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_guide_progress help_guide_progress_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide_progress
    ADD CONSTRAINT help_guide_progress_member_fkey FOREIGN KEY (org_id, user_id) REFERENCES public.membership(org_id, user_id) ON DELETE CASCADE;


--
-- Name: help_guide_progress help_guide_progress_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide_progress
    ADD CONSTRAINT help_guide_progress_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_guide_progress help_guide_progress_step_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide_progress
    ADD CONSTRAINT help_guide_progress_step_fkey FOREIGN KEY (org_id, step_id) REFERENCES public.help_guide_step(org_id, id) ON DELETE CASCADE;


--
-- Name: help_guide_step help_guide_step_guide_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide_step
    ADD CONSTRAINT help_guide_step_guide_fkey FOREIGN KEY (org_id, guide_id) REFERENCES public.help_guide(org_id, id) ON DELETE CASCADE;


--
-- Name: help_guide_step help_guide_step_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_guide_step
    ADD CONSTRAINT help_guide_step_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_question help_question_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_question
    ADD CONSTRAINT help_question_member_fkey FOREIGN KEY (org_id, user_id) REFERENCES public.membership(org_id, user_id) ON DELETE CASCADE;


--
-- Name: help_question help_question_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_question
    ADD CONSTRAINT help_question_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_search_log help_search_log_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_search_log
    ADD CONSTRAINT help_search_log_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_search_log help_search_log_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_search_log
    ADD CONSTRAINT help_search_log_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: help_synonym help_synonym_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_synonym
    ADD CONSTRAINT help_synonym_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: help_synonym help_synonym_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_synonym
    ADD CONSTRAINT help_synonym_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: help_word help_word_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_word
    ADD CONSTRAINT help_word_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: idempotency_key idempotency_key_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idempotency_key
    ADD CONSTRAINT idempotency_key_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: integration_call integration_call_connection_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_call
    ADD CONSTRAINT integration_call_connection_fkey FOREIGN KEY (org_id, connection_id) REFERENCES public.integration_connection(org_id, id) ON DELETE CASCADE;


--
-- Name: integration_call integration_call_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_call
    ADD CONSTRAINT integration_call_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: integration_connection integration_connection_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_connection
    ADD CONSTRAINT integration_connection_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: integration_connection integration_connection_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_connection
    ADD CONSTRAINT integration_connection_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: integration_connection integration_connection_updated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_connection
    ADD CONSTRAINT integration_connection_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: integration_webhook_event integration_webhook_event_connection_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_webhook_event
    ADD CONSTRAINT integration_webhook_event_connection_fkey FOREIGN KEY (org_id, connection_id) REFERENCES public.integration_connection(org_id, id) ON DELETE CASCADE;


--
-- Name: integration_webhook_event integration_webhook_event_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_webhook_event
    ADD CONSTRAINT integration_webhook_event_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_activity lead_activity_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_activity
    ADD CONSTRAINT lead_activity_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: lead_activity lead_activity_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_activity
    ADD CONSTRAINT lead_activity_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: lead_activity lead_activity_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_activity
    ADD CONSTRAINT lead_activity_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_assignment lead_assignment_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_assignment
    ADD CONSTRAINT lead_assignment_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: lead_assignment lead_assignment_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_assignment
    ADD CONSTRAINT lead_assignment_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_assignment lead_assignment_owner_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_assignment
    ADD CONSTRAINT lead_assignment_owner_fkey FOREIGN KEY (org_id, owner_user_id) REFERENCES public.membership(org_id, user_id);


--
-- Name: lead_collaborator lead_collaborator_added_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_collaborator
    ADD CONSTRAINT lead_collaborator_added_by_fkey FOREIGN KEY (added_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: lead_collaborator lead_collaborator_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_collaborator
    ADD CONSTRAINT lead_collaborator_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: lead_collaborator lead_collaborator_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_collaborator
    ADD CONSTRAINT lead_collaborator_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_collaborator lead_collaborator_partner_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_collaborator
    ADD CONSTRAINT lead_collaborator_partner_fkey FOREIGN KEY (org_id, user_id, member_role) REFERENCES public.membership(org_id, user_id, role) ON DELETE CASCADE;


--
-- Name: lead lead_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead
    ADD CONSTRAINT lead_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: lead_credit lead_credit_company_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_credit
    ADD CONSTRAINT lead_credit_company_fkey FOREIGN KEY (org_id, company_ref) REFERENCES public.credit_company(org_id, id) ON DELETE CASCADE;


--
-- Name: lead_credit lead_credit_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_credit
    ADD CONSTRAINT lead_credit_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: lead_credit lead_credit_linked_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_credit
    ADD CONSTRAINT lead_credit_linked_by_fkey FOREIGN KEY (linked_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: lead_credit lead_credit_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_credit
    ADD CONSTRAINT lead_credit_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_extension_request lead_extension_request_assignment_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_extension_request
    ADD CONSTRAINT lead_extension_request_assignment_fkey FOREIGN KEY (org_id, lead_id, assignment_id) REFERENCES public.lead_assignment(org_id, lead_id, id) ON DELETE CASCADE;


--
-- Name: lead_extension_request lead_extension_request_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_extension_request
    ADD CONSTRAINT lead_extension_request_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: lead_extension_request lead_extension_request_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_extension_request
    ADD CONSTRAINT lead_extension_request_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: lead_extension_request lead_extension_request_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_extension_request
    ADD CONSTRAINT lead_extension_request_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_extension_request lead_extension_request_requested_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_extension_request
    ADD CONSTRAINT lead_extension_request_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: lead_hold lead_hold_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_hold
    ADD CONSTRAINT lead_hold_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: lead_hold lead_hold_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_hold
    ADD CONSTRAINT lead_hold_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: lead_hold lead_hold_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_hold
    ADD CONSTRAINT lead_hold_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead lead_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead
    ADD CONSTRAINT lead_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_protection_daily lead_protection_daily_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_protection_daily
    ADD CONSTRAINT lead_protection_daily_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_reminder lead_reminder_assignment_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_reminder
    ADD CONSTRAINT lead_reminder_assignment_fkey FOREIGN KEY (org_id, assignment_id) REFERENCES public.lead_assignment(org_id, id) ON DELETE CASCADE;


--
-- Name: lead_reminder lead_reminder_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_reminder
    ADD CONSTRAINT lead_reminder_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_xentral lead_xentral_linked_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_xentral
    ADD CONSTRAINT lead_xentral_linked_by_fkey FOREIGN KEY (linked_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: lead_xentral lead_xentral_order_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_xentral
    ADD CONSTRAINT lead_xentral_order_created_by_fkey FOREIGN KEY (order_created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: lead_xentral lead_xentral_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_xentral
    ADD CONSTRAINT lead_xentral_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: lead_xentral lead_xentral_org_id_lead_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_xentral
    ADD CONSTRAINT lead_xentral_org_id_lead_id_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: mail_inbox_state mail_inbox_state_connection_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_inbox_state
    ADD CONSTRAINT mail_inbox_state_connection_fkey FOREIGN KEY (org_id, connection_id) REFERENCES public.integration_connection(org_id, id) ON DELETE CASCADE;


--
-- Name: mail_inbox_state mail_inbox_state_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_inbox_state
    ADD CONSTRAINT mail_inbox_state_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: mail_message mail_message_connection_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_message
    ADD CONSTRAINT mail_message_connection_fkey FOREIGN KEY (org_id, connection_id) REFERENCES public.integration_connection(org_id, id) ON DELETE CASCADE;


--
-- Name: mail_message mail_message_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_message
    ADD CONSTRAINT mail_message_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: mail_suggestion mail_suggestion_activity_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_suggestion
    ADD CONSTRAINT mail_suggestion_activity_fkey FOREIGN KEY (org_id, activity_id) REFERENCES public.lead_activity(org_id, id) ON DELETE SET NULL (activity_id);


--
-- Name: mail_suggestion mail_suggestion_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_suggestion
    ADD CONSTRAINT mail_suggestion_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: mail_suggestion mail_suggestion_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_suggestion
    ADD CONSTRAINT mail_suggestion_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: mail_suggestion mail_suggestion_message_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_suggestion
    ADD CONSTRAINT mail_suggestion_message_fkey FOREIGN KEY (org_id, message_ref) REFERENCES public.mail_message(org_id, id) ON DELETE CASCADE;


--
-- Name: mail_suggestion mail_suggestion_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mail_suggestion
    ADD CONSTRAINT mail_suggestion_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: membership membership_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.membership
    ADD CONSTRAINT membership_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: membership membership_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.membership
    ADD CONSTRAINT membership_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.app_user(id) ON DELETE CASCADE;


--
-- Name: notification_outbox notification_outbox_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notification_outbox
    ADD CONSTRAINT notification_outbox_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: notification_outbox notification_outbox_recipient_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notification_outbox
    ADD CONSTRAINT notification_outbox_recipient_fkey FOREIGN KEY (org_id, recipient_user_id) REFERENCES public.membership(org_id, user_id) ON DELETE CASCADE;


--
-- Name: password_token password_token_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.password_token
    ADD CONSTRAINT password_token_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: password_token password_token_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.password_token
    ADD CONSTRAINT password_token_member_fkey FOREIGN KEY (org_id, user_id) REFERENCES public.membership(org_id, user_id) ON DELETE CASCADE;


--
-- Name: password_token password_token_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.password_token
    ADD CONSTRAINT password_token_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: product_feedback product_feedback_link_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_feedback
    ADD CONSTRAINT product_feedback_link_fkey FOREIGN KEY (org_id, link_id, lead_id) REFERENCES public.feedback_link(org_id, id, lead_id) ON DELETE CASCADE;


--
-- Name: product_feedback product_feedback_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_feedback
    ADD CONSTRAINT product_feedback_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: product_feedback product_feedback_phase_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_feedback
    ADD CONSTRAINT product_feedback_phase_fkey FOREIGN KEY (org_id, phase_id, lead_id) REFERENCES public.test_phase(org_id, id, lead_id) ON DELETE CASCADE;


--
-- Name: product_feedback product_feedback_product_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_feedback
    ADD CONSTRAINT product_feedback_product_fkey FOREIGN KEY (org_id, sku) REFERENCES public.product(org_id, sku);


--
-- Name: product product_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product
    ADD CONSTRAINT product_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: sample_box sample_box_configured_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box
    ADD CONSTRAINT sample_box_configured_by_fkey FOREIGN KEY (configured_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: sample_box_item sample_box_item_box_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box_item
    ADD CONSTRAINT sample_box_item_box_fkey FOREIGN KEY (org_id, box_id, lead_id) REFERENCES public.sample_box(org_id, id, lead_id) ON DELETE CASCADE;


--
-- Name: sample_box_item sample_box_item_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box_item
    ADD CONSTRAINT sample_box_item_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: sample_box_item sample_box_item_product_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box_item
    ADD CONSTRAINT sample_box_item_product_fkey FOREIGN KEY (org_id, sku) REFERENCES public.product(org_id, sku);


--
-- Name: sample_box sample_box_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box
    ADD CONSTRAINT sample_box_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES public.lead(org_id, id) ON DELETE CASCADE;


--
-- Name: sample_box sample_box_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sample_box
    ADD CONSTRAINT sample_box_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: setting_value setting_value_member; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.setting_value
    ADD CONSTRAINT setting_value_member FOREIGN KEY (org_id, user_id) REFERENCES public.membership(org_id, user_id) ON DELETE CASCADE;


--
-- Name: setting_value setting_value_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.setting_value
    ADD CONSTRAINT setting_value_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: setting_value setting_value_updated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.setting_value
    ADD CONSTRAINT setting_value_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: sync_run sync_run_connection_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_run
    ADD CONSTRAINT sync_run_connection_fkey FOREIGN KEY (org_id, connection_id) REFERENCES public.integration_connection(org_id, id) ON DELETE CASCADE;


--
-- Name: sync_run sync_run_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_run
    ADD CONSTRAINT sync_run_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: test_phase test_phase_box_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_phase
    ADD CONSTRAINT test_phase_box_fkey FOREIGN KEY (org_id, box_id, lead_id) REFERENCES public.sample_box(org_id, id, lead_id) ON DELETE CASCADE;


--
-- Name: test_phase test_phase_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_phase
    ADD CONSTRAINT test_phase_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: test_phase test_phase_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_phase
    ADD CONSTRAINT test_phase_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: test_result test_result_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_result
    ADD CONSTRAINT test_result_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organization(id) ON DELETE CASCADE;


--
-- Name: test_result test_result_phase_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_result
    ADD CONSTRAINT test_result_phase_fkey FOREIGN KEY (org_id, phase_id, lead_id) REFERENCES public.test_phase(org_id, id, lead_id) ON DELETE CASCADE;


--
-- Name: test_result test_result_product_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_result
    ADD CONSTRAINT test_result_product_fkey FOREIGN KEY (org_id, sku) REFERENCES public.product(org_id, sku);


--
-- Name: test_result test_result_recorded_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.test_result
    ADD CONSTRAINT test_result_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES public.app_user(id) ON DELETE SET NULL;


--
-- Name: user_session user_session_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_session
    ADD CONSTRAINT user_session_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.app_user(id) ON DELETE CASCADE;


--
-- Name: ai_budget_org_month; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ai_budget_org_month ENABLE ROW LEVEL SECURITY;

--
-- Name: ai_budget_org_month ai_budget_org_month_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_budget_org_month_insert ON public.ai_budget_org_month FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_ai_spender() AND (spent_eur = (0)::numeric) AND (reserved_eur = (0)::numeric)));


--
-- Name: ai_budget_org_month ai_budget_org_month_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_budget_org_month_select ON public.ai_budget_org_month FOR SELECT USING ((org_id = public.app_current_org_id()));


--
-- Name: POLICY ai_budget_org_month_select ON ai_budget_org_month; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY ai_budget_org_month_select ON public.ai_budget_org_month IS 'Named ai_budget_org_month_read before 20261207190000.';


--
-- Name: ai_budget_org_month ai_budget_org_month_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_budget_org_month_update ON public.ai_budget_org_month FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_ai_spender())) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: ai_budget_reservation; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ai_budget_reservation ENABLE ROW LEVEL SECURITY;

--
-- Name: ai_budget_reservation ai_budget_reservation_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_budget_reservation_insert ON public.ai_budget_reservation FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (((user_id = public.app_current_user_id()) AND public.app_ai_spender()) OR ((user_id IS NULL) AND public.app_has_role('system'::text))) AND (status = 'open'::text)));


--
-- Name: ai_budget_reservation ai_budget_reservation_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_budget_reservation_select ON public.ai_budget_reservation FOR SELECT USING (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR public.app_ai_overseer())));


--
-- Name: POLICY ai_budget_reservation_select ON ai_budget_reservation; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY ai_budget_reservation_select ON public.ai_budget_reservation IS 'Named ai_budget_reservation_read before 20261207190000.';


--
-- Name: ai_budget_reservation ai_budget_reservation_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_budget_reservation_update ON public.ai_budget_reservation FOR UPDATE USING (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR public.app_has_role('system'::text)))) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: POLICY ai_budget_reservation_update ON ai_budget_reservation; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY ai_budget_reservation_update ON public.ai_budget_reservation IS 'Named ai_budget_reservation_close before 20261207190000.';


--
-- Name: ai_budget_user_month; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ai_budget_user_month ENABLE ROW LEVEL SECURITY;

--
-- Name: ai_budget_user_month ai_budget_user_month_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_budget_user_month_insert ON public.ai_budget_user_month FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (((user_id = public.app_current_user_id()) AND public.app_ai_spender()) OR public.app_has_role('system'::text)) AND (spent_eur = (0)::numeric) AND (reserved_eur = (0)::numeric)));


--
-- Name: ai_budget_user_month ai_budget_user_month_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_budget_user_month_select ON public.ai_budget_user_month FOR SELECT USING (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR public.app_ai_overseer())));


--
-- Name: POLICY ai_budget_user_month_select ON ai_budget_user_month; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY ai_budget_user_month_select ON public.ai_budget_user_month IS 'Named ai_budget_user_month_read before 20261207190000.';


--
-- Name: ai_budget_user_month ai_budget_user_month_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_budget_user_month_update ON public.ai_budget_user_month FOR UPDATE USING (((org_id = public.app_current_org_id()) AND (((user_id = public.app_current_user_id()) AND public.app_ai_spender()) OR public.app_has_role('system'::text)))) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: ai_cache; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ai_cache ENABLE ROW LEVEL SECURITY;

--
-- Name: ai_cache ai_cache_delete; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_cache_delete ON public.ai_cache FOR DELETE USING (((org_id = public.app_current_org_id()) AND (expires_at <= now())));


--
-- Name: POLICY ai_cache_delete ON ai_cache; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY ai_cache_delete ON public.ai_cache IS 'Named ai_cache_purge before 20261207190000.';


--
-- Name: ai_cache ai_cache_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_cache_insert ON public.ai_cache FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_ai_spender()));


--
-- Name: ai_cache ai_cache_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_cache_select ON public.ai_cache FOR SELECT USING ((org_id = public.app_current_org_id()));


--
-- Name: POLICY ai_cache_select ON ai_cache; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY ai_cache_select ON public.ai_cache IS 'Named ai_cache_read before 20261207190000.';


--
-- Name: ai_cache ai_cache_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_cache_update ON public.ai_cache FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_ai_spender())) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: ai_call; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ai_call ENABLE ROW LEVEL SECURITY;

--
-- Name: ai_call ai_call_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_call_insert ON public.ai_call FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR ((user_id IS NULL) AND public.app_has_role('system'::text)))));


--
-- Name: ai_call ai_call_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_call_select ON public.ai_call FOR SELECT USING (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR public.app_ai_overseer())));


--
-- Name: POLICY ai_call_select ON ai_call; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY ai_call_select ON public.ai_call IS 'Named ai_call_read before 20261207190000.';


--
-- Name: ai_model_price; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ai_model_price ENABLE ROW LEVEL SECURITY;

--
-- Name: ai_model_price ai_model_price_delete; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_model_price_delete ON public.ai_model_price FOR DELETE USING (((public.app_current_org_id() IS NOT NULL) AND public.app_has_role('platform_admin'::text)));


--
-- Name: ai_model_price ai_model_price_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_model_price_insert ON public.ai_model_price FOR INSERT WITH CHECK (((public.app_current_org_id() IS NOT NULL) AND public.app_has_role('platform_admin'::text) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: ai_model_price ai_model_price_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_model_price_select ON public.ai_model_price FOR SELECT USING (((public.app_current_org_id() IS NOT NULL) OR public.app_has_role('system'::text)));


--
-- Name: POLICY ai_model_price_select ON ai_model_price; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY ai_model_price_select ON public.ai_model_price IS 'Named ai_model_price_read before 20261207190000.';


--
-- Name: ai_model_price ai_model_price_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_model_price_update ON public.ai_model_price FOR UPDATE USING (((public.app_current_org_id() IS NOT NULL) AND public.app_has_role('platform_admin'::text))) WITH CHECK ((public.app_has_role('platform_admin'::text) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: alert_event; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.alert_event ENABLE ROW LEVEL SECURITY;

--
-- Name: alert_event alert_event_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY alert_event_insert ON public.alert_event FOR INSERT WITH CHECK (public.app_has_role('system'::text));


--
-- Name: alert_event alert_event_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY alert_event_select ON public.alert_event FOR SELECT USING ((public.app_has_role('platform_admin'::text) OR public.app_has_role('system'::text)));


--
-- Name: alert_event alert_event_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY alert_event_update ON public.alert_event FOR UPDATE USING (public.app_has_role('system'::text)) WITH CHECK (public.app_has_role('system'::text));


--
-- Name: alert_rule; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.alert_rule ENABLE ROW LEVEL SECURITY;

--
-- Name: alert_rule alert_rule_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY alert_rule_insert ON public.alert_rule FOR INSERT WITH CHECK (public.app_has_role('system'::text));


--
-- Name: alert_rule alert_rule_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY alert_rule_select ON public.alert_rule FOR SELECT USING ((public.app_has_role('platform_admin'::text) OR public.app_has_role('system'::text)));


--
-- Name: alert_rule alert_rule_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY alert_rule_update ON public.alert_rule FOR UPDATE USING (public.app_has_role('platform_admin'::text)) WITH CHECK ((public.app_has_role('platform_admin'::text) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: api_token; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.api_token ENABLE ROW LEVEL SECURITY;

--
-- Name: api_token api_token_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY api_token_insert ON public.api_token FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id())));


--
-- Name: POLICY api_token_insert ON api_token; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY api_token_insert ON public.api_token IS 'Named api_token_create before 20261207190000.';


--
-- Name: api_token api_token_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY api_token_select ON public.api_token FOR SELECT USING (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR public.app_has_role('admin'::text))));


--
-- Name: POLICY api_token_select ON api_token; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY api_token_select ON public.api_token IS 'Named api_token_read before 20261207190000.';


--
-- Name: api_token api_token_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY api_token_update ON public.api_token FOR UPDATE USING (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR public.app_has_role('admin'::text)))) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: POLICY api_token_update ON api_token; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY api_token_update ON public.api_token IS 'Named api_token_revoke before 20261207190000.';


--
-- Name: app_log; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.app_log ENABLE ROW LEVEL SECURITY;

--
-- Name: app_log app_log_delete; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY app_log_delete ON public.app_log FOR DELETE USING (public.app_has_role('system'::text));


--
-- Name: app_log app_log_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY app_log_insert ON public.app_log FOR INSERT WITH CHECK ((public.app_has_role('system'::text) AND ((org_id IS NULL) OR (public.app_current_org_id() IS NULL) OR (org_id = public.app_current_org_id()))));


--
-- Name: app_log app_log_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY app_log_select ON public.app_log FOR SELECT USING ((public.app_has_role('system'::text) OR ((public.app_current_org_id() IS NOT NULL) AND public.app_has_role('platform_admin'::text)) OR ((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('auditor'::text)))));


--
-- Name: app_user; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.app_user ENABLE ROW LEVEL SECURITY;

--
-- Name: app_user app_user_insert_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY app_user_insert_admin ON public.app_user FOR INSERT WITH CHECK (((public.app_current_org_id() IS NOT NULL) AND public.app_has_role('admin'::text)));


--
-- Name: POLICY app_user_insert_admin ON app_user; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY app_user_insert_admin ON public.app_user IS 'Named app_user_admin_insert before 20261207190000.';


--
-- Name: app_user app_user_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY app_user_select ON public.app_user FOR SELECT USING (((id = public.app_current_user_id()) OR (EXISTS ( SELECT 1
   FROM public.membership m
  WHERE ((m.user_id = app_user.id) AND (m.org_id = public.app_current_org_id()))))));


--
-- Name: POLICY app_user_select ON app_user; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY app_user_select ON public.app_user IS 'Named app_user_read before 20261207190000.';


--
-- Name: app_user app_user_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY app_user_update ON public.app_user FOR UPDATE USING (((id = public.app_current_user_id()) OR (public.app_has_role('admin'::text) AND (EXISTS ( SELECT 1
   FROM public.membership m
  WHERE ((m.user_id = app_user.id) AND (m.org_id = public.app_current_org_id())))))));


--
-- Name: audit_event; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.audit_event ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_event audit_event_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY audit_event_insert ON public.audit_event FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) OR ((org_id IS NULL) AND public.app_has_role('platform_admin'::text))));


--
-- Name: POLICY audit_event_insert ON audit_event; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY audit_event_insert ON public.audit_event IS 'Named audit_event_append before 20261207190000.';


--
-- Name: audit_event audit_event_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY audit_event_select ON public.audit_event FOR SELECT USING (((org_id = public.app_current_org_id()) OR ((org_id IS NULL) AND public.app_has_role('platform_admin'::text))));


--
-- Name: POLICY audit_event_select ON audit_event; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY audit_event_select ON public.audit_event IS 'Named audit_event_read before 20261207190000.';


--
-- Name: audit_seal; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.audit_seal ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_seal audit_seal_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY audit_seal_insert ON public.audit_seal FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) OR ((org_id IS NULL) AND public.app_has_role('platform_admin'::text))));


--
-- Name: POLICY audit_seal_insert ON audit_seal; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY audit_seal_insert ON public.audit_seal IS 'Named audit_seal_append before 20261207190000.';


--
-- Name: audit_seal audit_seal_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY audit_seal_select ON public.audit_seal FOR SELECT USING (((org_id = public.app_current_org_id()) OR ((org_id IS NULL) AND public.app_has_role('platform_admin'::text))));


--
-- Name: POLICY audit_seal_select ON audit_seal; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY audit_seal_select ON public.audit_seal IS 'Named audit_seal_read before 20261207190000.';


--
-- Name: backup_drill; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.backup_drill ENABLE ROW LEVEL SECURITY;

--
-- Name: backup_drill backup_drill_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY backup_drill_insert ON public.backup_drill FOR INSERT WITH CHECK (public.app_has_role('system'::text));


--
-- Name: backup_drill backup_drill_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY backup_drill_select ON public.backup_drill FOR SELECT USING ((public.app_has_role('platform_admin'::text) OR public.app_has_role('system'::text)));


--
-- Name: backup_drill backup_drill_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY backup_drill_update ON public.backup_drill FOR UPDATE USING (public.app_has_role('system'::text)) WITH CHECK (public.app_has_role('system'::text));


--
-- Name: backup_run; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.backup_run ENABLE ROW LEVEL SECURITY;

--
-- Name: backup_run backup_run_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY backup_run_insert ON public.backup_run FOR INSERT WITH CHECK (public.app_has_role('system'::text));


--
-- Name: backup_run backup_run_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY backup_run_select ON public.backup_run FOR SELECT USING ((public.app_has_role('platform_admin'::text) OR public.app_has_role('system'::text)));


--
-- Name: backup_run backup_run_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY backup_run_update ON public.backup_run FOR UPDATE USING (public.app_has_role('system'::text)) WITH CHECK (public.app_has_role('system'::text));


--
-- Name: credit_company; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.credit_company ENABLE ROW LEVEL SECURITY;

--
-- Name: credit_company credit_company_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY credit_company_insert ON public.credit_company FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: credit_company credit_company_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY credit_company_select ON public.credit_company FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: credit_company credit_company_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY credit_company_update ON public.credit_company FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager())) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: credit_limit_request; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.credit_limit_request ENABLE ROW LEVEL SECURITY;

--
-- Name: credit_limit_request credit_limit_request_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY credit_limit_request_insert ON public.credit_limit_request FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND (state = 'PENDING'::text) AND (decided_at IS NULL) AND (requested_by = public.app_current_user_id())));


--
-- Name: credit_limit_request credit_limit_request_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY credit_limit_request_select ON public.credit_limit_request FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: credit_limit_request credit_limit_request_update_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY credit_limit_request_update_system ON public.credit_limit_request FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text) AND (state = 'PENDING'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: feedback_link; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.feedback_link ENABLE ROW LEVEL SECURITY;

--
-- Name: feedback_link feedback_link_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY feedback_link_insert ON public.feedback_link FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id) AND ((created_by IS NULL) OR (created_by = public.app_current_user_id()))));


--
-- Name: feedback_link feedback_link_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY feedback_link_select ON public.feedback_link FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: feedback_link feedback_link_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY feedback_link_update ON public.feedback_link FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id)));


--
-- Name: feedback_submission; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.feedback_submission ENABLE ROW LEVEL SECURITY;

--
-- Name: feedback_submission feedback_submission_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY feedback_submission_insert ON public.feedback_submission FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id)));


--
-- Name: feedback_submission feedback_submission_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY feedback_submission_select ON public.feedback_submission FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: help_article; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_article ENABLE ROW LEVEL SECURITY;

--
-- Name: help_article help_article_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_article_insert ON public.help_article FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND (status = 'DRAFT'::text) AND (created_by = public.app_current_user_id()) AND (updated_by = public.app_current_user_id()) AND (reviewed_by IS NULL)));


--
-- Name: help_article help_article_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_article_select ON public.help_article FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_help_may_read(space, status)));


--
-- Name: help_article help_article_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_article_update ON public.help_article FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager())) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND ((reviewed_by IS NULL) OR (reviewed_by = public.app_current_user_id()) OR (status <> 'PUBLISHED'::text))));


--
-- Name: help_article_version; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_article_version ENABLE ROW LEVEL SECURITY;

--
-- Name: help_article_version help_article_version_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_article_version_insert ON public.help_article_version FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND (author_id = public.app_current_user_id())));


--
-- Name: help_article_version help_article_version_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_article_version_select ON public.help_article_version FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: help_experiment; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_experiment ENABLE ROW LEVEL SECURITY;

--
-- Name: help_experiment_arm; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_experiment_arm ENABLE ROW LEVEL SECURITY;

--
-- Name: help_experiment_arm help_experiment_arm_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_experiment_arm_insert ON public.help_experiment_arm FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: help_experiment_arm help_experiment_arm_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_experiment_arm_select ON public.help_experiment_arm FOR SELECT USING (((org_id = public.app_current_org_id()) AND (EXISTS ( SELECT 1
   FROM public.help_experiment e
  WHERE ((e.org_id = help_experiment_arm.org_id) AND (e.id = help_experiment_arm.experiment_id))))));


--
-- Name: help_experiment help_experiment_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_experiment_insert ON public.help_experiment FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND ((created_by IS NULL) OR (created_by = public.app_current_user_id())) AND (stopped_by IS NULL)));


--
-- Name: help_experiment help_experiment_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_experiment_select ON public.help_experiment FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR ((status = 'RUNNING'::text) AND (EXISTS ( SELECT 1
   FROM public.help_article a
  WHERE ((a.org_id = help_experiment.org_id) AND (a.id = help_experiment.article_id))))))));


--
-- Name: help_experiment help_experiment_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_experiment_update ON public.help_experiment FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager())) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND ((stopped_by IS NULL) OR (stopped_by = public.app_current_user_id()))));


--
-- Name: help_exposure; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_exposure ENABLE ROW LEVEL SECURITY;

--
-- Name: help_exposure help_exposure_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_exposure_insert ON public.help_exposure FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id()) AND (EXISTS ( SELECT 1
   FROM public.help_experiment e
  WHERE ((e.org_id = help_exposure.org_id) AND (e.id = help_exposure.experiment_id) AND (e.status = 'RUNNING'::text))))));


--
-- Name: help_exposure help_exposure_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_exposure_select ON public.help_exposure FOR SELECT USING (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR public.app_is_lead_manager())));


--
-- Name: help_feedback; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_feedback ENABLE ROW LEVEL SECURITY;

--
-- Name: help_feedback help_feedback_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_feedback_insert ON public.help_feedback FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id()) AND (EXISTS ( SELECT 1
   FROM public.help_article a
  WHERE ((a.org_id = help_feedback.org_id) AND (a.id = help_feedback.article_id))))));


--
-- Name: help_feedback help_feedback_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_feedback_select ON public.help_feedback FOR SELECT USING (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR public.app_is_lead_manager())));


--
-- Name: help_feedback help_feedback_update_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_feedback_update_own ON public.help_feedback FOR UPDATE USING (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id()))) WITH CHECK (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id())));


--
-- Name: help_guide; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_guide ENABLE ROW LEVEL SECURITY;

--
-- Name: help_guide help_guide_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_guide_insert ON public.help_guide FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND ((created_by IS NULL) OR (created_by = public.app_current_user_id()))));


--
-- Name: help_guide_progress; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_guide_progress ENABLE ROW LEVEL SECURITY;

--
-- Name: help_guide_progress help_guide_progress_delete; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_guide_progress_delete ON public.help_guide_progress FOR DELETE USING (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id())));


--
-- Name: help_guide_progress help_guide_progress_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_guide_progress_insert ON public.help_guide_progress FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id()) AND (EXISTS ( SELECT 1
   FROM public.help_guide_step s
  WHERE ((s.org_id = help_guide_progress.org_id) AND (s.id = help_guide_progress.step_id))))));


--
-- Name: help_guide_progress help_guide_progress_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_guide_progress_select ON public.help_guide_progress FOR SELECT USING (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id())));


--
-- Name: help_guide help_guide_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_guide_select ON public.help_guide FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_help_may_read(space, 'PUBLISHED'::text)));


--
-- Name: help_guide_step; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_guide_step ENABLE ROW LEVEL SECURITY;

--
-- Name: help_guide_step help_guide_step_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_guide_step_insert ON public.help_guide_step FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: help_guide_step help_guide_step_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_guide_step_select ON public.help_guide_step FOR SELECT USING (((org_id = public.app_current_org_id()) AND (EXISTS ( SELECT 1
   FROM public.help_guide g
  WHERE ((g.org_id = help_guide_step.org_id) AND (g.id = help_guide_step.guide_id))))));


--
-- Name: help_question; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_question ENABLE ROW LEVEL SECURITY;

--
-- Name: help_question help_question_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_question_insert ON public.help_question FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id())));


--
-- Name: help_question help_question_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_question_select ON public.help_question FOR SELECT USING (((org_id = public.app_current_org_id()) AND ((user_id = public.app_current_user_id()) OR public.app_is_lead_manager())));


--
-- Name: help_search_log; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_search_log ENABLE ROW LEVEL SECURITY;

--
-- Name: help_search_log help_search_log_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_search_log_insert ON public.help_search_log FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND ((user_id IS NULL) OR (user_id = public.app_current_user_id()))));


--
-- Name: help_search_log help_search_log_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_search_log_select ON public.help_search_log FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: help_synonym; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_synonym ENABLE ROW LEVEL SECURITY;

--
-- Name: help_synonym help_synonym_delete; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_synonym_delete ON public.help_synonym FOR DELETE USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: help_synonym help_synonym_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_synonym_insert ON public.help_synonym FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND ((created_by IS NULL) OR (created_by = public.app_current_user_id()))));


--
-- Name: help_synonym help_synonym_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_synonym_select ON public.help_synonym FOR SELECT USING ((org_id = public.app_current_org_id()));


--
-- Name: help_word; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.help_word ENABLE ROW LEVEL SECURITY;

--
-- Name: help_word help_word_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_word_insert ON public.help_word FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: help_word help_word_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY help_word_select ON public.help_word FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_help_may_read(space, 'PUBLISHED'::text)));


--
-- Name: idempotency_key; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.idempotency_key ENABLE ROW LEVEL SECURITY;

--
-- Name: idempotency_key idempotency_key_all_own_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY idempotency_key_all_own_org ON public.idempotency_key USING ((org_id = public.app_current_org_id())) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: POLICY idempotency_key_all_own_org ON idempotency_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY idempotency_key_all_own_org ON public.idempotency_key IS 'Named idempotency_key_own_org before 20261207190000.';


--
-- Name: integration_call; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.integration_call ENABLE ROW LEVEL SECURITY;

--
-- Name: integration_call integration_call_delete; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_call_delete ON public.integration_call FOR DELETE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: integration_call integration_call_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_call_insert ON public.integration_call FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: integration_call integration_call_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_call_select ON public.integration_call FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: integration_connection; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.integration_connection ENABLE ROW LEVEL SECURITY;

--
-- Name: integration_connection integration_connection_delete; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_connection_delete ON public.integration_connection FOR DELETE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text)));


--
-- Name: integration_connection integration_connection_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_connection_insert ON public.integration_connection FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND ((created_by IS NULL) OR (created_by = public.app_current_user_id())) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: integration_connection integration_connection_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_connection_select ON public.integration_connection FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: integration_connection integration_connection_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_connection_update ON public.integration_connection FOR UPDATE USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text)))) WITH CHECK (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text)) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: integration_webhook_event; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.integration_webhook_event ENABLE ROW LEVEL SECURITY;

--
-- Name: integration_webhook_event integration_webhook_event_delete_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_webhook_event_delete_system ON public.integration_webhook_event FOR DELETE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text) AND (status <> 'RECEIVED'::text)));


--
-- Name: integration_webhook_event integration_webhook_event_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_webhook_event_insert ON public.integration_webhook_event FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text) AND (status = 'RECEIVED'::text) AND (attempts = 0) AND (processed_at IS NULL) AND (result IS NULL) AND (last_error IS NULL)));


--
-- Name: integration_webhook_event integration_webhook_event_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_webhook_event_select ON public.integration_webhook_event FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: integration_webhook_event integration_webhook_event_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_webhook_event_update ON public.integration_webhook_event FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: integration_webhook_event integration_webhook_event_update_admin_replay; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY integration_webhook_event_update_admin_replay ON public.integration_webhook_event FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND (status = 'FAILED'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND (status = 'RECEIVED'::text)));


--
-- Name: job_run; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.job_run ENABLE ROW LEVEL SECURITY;

--
-- Name: job_run job_run_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY job_run_insert ON public.job_run FOR INSERT WITH CHECK (public.app_has_role('system'::text));


--
-- Name: POLICY job_run_insert ON job_run; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY job_run_insert ON public.job_run IS 'Named job_run_record before 20261207190000.';


--
-- Name: job_run job_run_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY job_run_select ON public.job_run FOR SELECT USING ((public.app_has_role('admin'::text) OR public.app_has_role('auditor'::text) OR public.app_has_role('system'::text)));


--
-- Name: POLICY job_run_select ON job_run; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY job_run_select ON public.job_run IS 'Named job_run_read before 20261207190000.';


--
-- Name: job_run job_run_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY job_run_update ON public.job_run FOR UPDATE USING (public.app_has_role('system'::text)) WITH CHECK (public.app_has_role('system'::text));


--
-- Name: POLICY job_run_update ON job_run; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY job_run_update ON public.job_run IS 'Named job_run_finish before 20261207190000.';


--
-- Name: lead; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_activity; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_activity ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_activity lead_activity_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_activity_insert ON public.lead_activity FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_log_activity(lead_id) AND (at <= (now() + '00:05:00'::interval)) AND ((created_by IS NULL) OR (created_by = public.app_current_user_id()))));


--
-- Name: POLICY lead_activity_insert ON lead_activity; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_activity_insert ON public.lead_activity IS 'Named lead_activity_create before 20261207190000.';


--
-- Name: lead_activity lead_activity_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_activity_select ON public.lead_activity FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: POLICY lead_activity_select ON lead_activity; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_activity_select ON public.lead_activity IS 'Named lead_activity_read before 20261207190000.';


--
-- Name: lead_assignment; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_assignment ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_assignment lead_assignment_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_assignment_insert ON public.lead_assignment FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR ((owner_user_id = public.app_current_user_id()) AND public.app_is_own_registration(lead_id, assigned_at)))));


--
-- Name: POLICY lead_assignment_insert ON lead_assignment; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_assignment_insert ON public.lead_assignment IS 'Named lead_assignment_create before 20261207190000.';


--
-- Name: lead_assignment lead_assignment_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_assignment_select ON public.lead_assignment FOR SELECT USING (((org_id = public.app_current_org_id()) AND ((owner_user_id = public.app_current_user_id()) OR public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: POLICY lead_assignment_select ON lead_assignment; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_assignment_select ON public.lead_assignment IS 'Named lead_assignment_read before 20261207190000.';


--
-- Name: lead_assignment lead_assignment_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_assignment_update ON public.lead_assignment FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager())) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: lead_collaborator; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_collaborator ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_collaborator lead_collaborator_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_collaborator_all ON public.lead_collaborator USING (((org_id = public.app_current_org_id()) AND public.app_can_write_lead(lead_id))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_write_lead(lead_id) AND ((added_by IS NULL) OR (added_by = public.app_current_user_id()))));


--
-- Name: POLICY lead_collaborator_all ON lead_collaborator; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_collaborator_all ON public.lead_collaborator IS 'Named lead_collaborator_write before 20261207190000.';


--
-- Name: lead_collaborator lead_collaborator_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_collaborator_select ON public.lead_collaborator FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: POLICY lead_collaborator_select ON lead_collaborator; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_collaborator_select ON public.lead_collaborator IS 'Named lead_collaborator_read before 20261207190000.';


--
-- Name: lead_credit; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_credit ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_credit lead_credit_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_credit_insert ON public.lead_credit FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND (linked_by = public.app_current_user_id())));


--
-- Name: lead_credit lead_credit_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_credit_select ON public.lead_credit FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: lead_credit lead_credit_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_credit_update ON public.lead_credit FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager())) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND (linked_by = public.app_current_user_id())));


--
-- Name: lead_extension_request; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_extension_request ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_extension_request lead_extension_request_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_extension_request_insert ON public.lead_extension_request FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_write_lead(lead_id) AND (status = 'PENDING'::text) AND (decided_by IS NULL) AND (decided_at IS NULL) AND (decision_comment IS NULL) AND (escalated_at IS NULL) AND ((requested_by IS NULL) OR (requested_by = public.app_current_user_id())) AND (EXISTS ( SELECT 1
   FROM public.lead_assignment a
  WHERE ((a.id = lead_extension_request.assignment_id) AND (a.lead_id = lead_extension_request.lead_id) AND (a.released_at IS NULL))))));


--
-- Name: POLICY lead_extension_request_insert ON lead_extension_request; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_extension_request_insert ON public.lead_extension_request IS 'Named lead_extension_create before 20261207190000.';


--
-- Name: lead_extension_request lead_extension_request_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_extension_request_select ON public.lead_extension_request FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: POLICY lead_extension_request_select ON lead_extension_request; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_extension_request_select ON public.lead_extension_request IS 'Named lead_extension_read before 20261207190000.';


--
-- Name: lead_extension_request lead_extension_request_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_extension_request_update ON public.lead_extension_request FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND (status = 'PENDING'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND
CASE
    WHEN (status = ANY (ARRAY['APPROVED'::text, 'DENIED'::text])) THEN (NOT (decided_by IS DISTINCT FROM public.app_current_user_id()))
    ELSE (decided_by IS NULL)
END));


--
-- Name: POLICY lead_extension_request_update ON lead_extension_request; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_extension_request_update ON public.lead_extension_request IS 'Named lead_extension_decide before 20261207190000.';


--
-- Name: lead_hold; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_hold ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_hold lead_hold_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_hold_insert ON public.lead_hold FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_write_lead(lead_id) AND (public.app_is_lead_manager() OR (start_at >= (now() - '00:05:00'::interval))) AND ((created_by IS NULL) OR (created_by = public.app_current_user_id()))));


--
-- Name: POLICY lead_hold_insert ON lead_hold; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_hold_insert ON public.lead_hold IS 'Named lead_hold_create before 20261207190000.';


--
-- Name: lead_hold lead_hold_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_hold_select ON public.lead_hold FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: POLICY lead_hold_select ON lead_hold; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_hold_select ON public.lead_hold IS 'Named lead_hold_read before 20261207190000.';


--
-- Name: lead_hold lead_hold_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_hold_update ON public.lead_hold FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_can_write_lead(lead_id))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_write_lead(lead_id)));


--
-- Name: lead lead_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_insert ON public.lead FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (NOT public.app_has_role('auditor'::text)) AND (public.app_has_role('sales'::text) OR public.app_is_lead_manager()) AND ((created_by IS NULL) OR (created_by = public.app_current_user_id()))));


--
-- Name: POLICY lead_insert ON lead; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_insert ON public.lead IS 'Named lead_create before 20261207190000.';


--
-- Name: lead_protection_daily; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_protection_daily ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_protection_daily lead_protection_daily_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_protection_daily_insert ON public.lead_protection_daily FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: lead_protection_daily lead_protection_daily_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_protection_daily_select ON public.lead_protection_daily FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text))));


--
-- Name: lead_protection_daily lead_protection_daily_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_protection_daily_update ON public.lead_protection_daily FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: lead_reminder; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_reminder ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_reminder lead_reminder_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_reminder_insert ON public.lead_reminder FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: POLICY lead_reminder_insert ON lead_reminder; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_reminder_insert ON public.lead_reminder IS 'Named lead_reminder_create before 20261207190000.';


--
-- Name: lead_reminder lead_reminder_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_reminder_select ON public.lead_reminder FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: POLICY lead_reminder_select ON lead_reminder; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_reminder_select ON public.lead_reminder IS 'Named lead_reminder_read before 20261207190000.';


--
-- Name: lead lead_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_select ON public.lead FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR ((NULLIF(current_setting('app.now'::text, true), ''::text) IS NULL) AND (EXISTS ( SELECT 1
   FROM public.lead_assignment a
  WHERE ((a.lead_id = lead.id) AND (a.released_at IS NULL) AND (a.owner_user_id = public.app_current_user_id()) AND (now() < a.expires_at))))) OR public.app_can_read_lead(id))));


--
-- Name: POLICY lead_select ON lead; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY lead_select ON public.lead IS 'Named lead_read before 20261207190000.';


--
-- Name: lead lead_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_update ON public.lead FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_can_write_lead(id))) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: lead_xentral; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_xentral ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_xentral lead_xentral_delete; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_xentral_delete ON public.lead_xentral FOR DELETE USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: lead_xentral lead_xentral_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_xentral_insert ON public.lead_xentral FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager() AND ((linked_by IS NULL) OR (linked_by = public.app_current_user_id())) AND ((order_created_by IS NULL) OR (order_created_by = public.app_current_user_id()))));


--
-- Name: lead_xentral lead_xentral_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_xentral_select ON public.lead_xentral FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_can_read_lead(lead_id)));


--
-- Name: lead_xentral lead_xentral_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_xentral_update ON public.lead_xentral FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager())) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_is_lead_manager()));


--
-- Name: mail_inbox_state; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.mail_inbox_state ENABLE ROW LEVEL SECURITY;

--
-- Name: mail_inbox_state mail_inbox_state_insert_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_inbox_state_insert_system ON public.mail_inbox_state FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: mail_inbox_state mail_inbox_state_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_inbox_state_select ON public.mail_inbox_state FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: mail_inbox_state mail_inbox_state_update_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_inbox_state_update_system ON public.mail_inbox_state FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: mail_message; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.mail_message ENABLE ROW LEVEL SECURITY;

--
-- Name: mail_message mail_message_delete_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_message_delete_system ON public.mail_message FOR DELETE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: mail_message mail_message_insert_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_message_insert_system ON public.mail_message FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: mail_message mail_message_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_message_select ON public.mail_message FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: mail_message mail_message_update_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_message_update_system ON public.mail_message FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: mail_suggestion; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.mail_suggestion ENABLE ROW LEVEL SECURITY;

--
-- Name: mail_suggestion mail_suggestion_insert_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_suggestion_insert_system ON public.mail_suggestion FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text) AND (status = 'PENDING'::text) AND (decided_by IS NULL) AND (activity_id IS NULL)));


--
-- Name: mail_suggestion mail_suggestion_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_suggestion_select ON public.mail_suggestion FOR SELECT USING (((org_id = public.app_current_org_id()) AND public.app_can_read_lead(lead_id)));


--
-- Name: mail_suggestion mail_suggestion_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_suggestion_update ON public.mail_suggestion FOR UPDATE USING (((org_id = public.app_current_org_id()) AND (status = 'PENDING'::text) AND public.app_can_write_lead(lead_id))) WITH CHECK (((org_id = public.app_current_org_id()) AND (status = ANY (ARRAY['CONFIRMED'::text, 'DISMISSED'::text])) AND (decided_by = public.app_current_user_id())));


--
-- Name: mail_suggestion mail_suggestion_update_pseudonymise_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY mail_suggestion_update_pseudonymise_system ON public.mail_suggestion FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text) AND (status = 'CONFIRMED'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text) AND (status = 'CONFIRMED'::text) AND (pseudonymised_at IS NOT NULL)));


--
-- Name: membership; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.membership ENABLE ROW LEVEL SECURITY;

--
-- Name: membership membership_delete_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY membership_delete_admin ON public.membership FOR DELETE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text)));


--
-- Name: POLICY membership_delete_admin ON membership; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY membership_delete_admin ON public.membership IS 'Named membership_admin_delete before 20261207190000.';


--
-- Name: membership membership_insert_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY membership_insert_admin ON public.membership FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text)));


--
-- Name: POLICY membership_insert_admin ON membership; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY membership_insert_admin ON public.membership IS 'Named membership_admin_insert before 20261207190000.';


--
-- Name: membership membership_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY membership_select ON public.membership FOR SELECT USING ((org_id = public.app_current_org_id()));


--
-- Name: POLICY membership_select ON membership; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY membership_select ON public.membership IS 'Named membership_read before 20261207190000.';


--
-- Name: membership membership_update_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY membership_update_admin ON public.membership FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text))) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: POLICY membership_update_admin ON membership; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY membership_update_admin ON public.membership IS 'Named membership_admin_update before 20261207190000.';


--
-- Name: notification_outbox; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.notification_outbox ENABLE ROW LEVEL SECURITY;

--
-- Name: notification_outbox notification_outbox_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notification_outbox_insert ON public.notification_outbox FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: POLICY notification_outbox_insert ON notification_outbox; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY notification_outbox_insert ON public.notification_outbox IS 'Named notification_outbox_enqueue before 20261207190000.';


--
-- Name: notification_outbox notification_outbox_insert_admin_password; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notification_outbox_insert_admin_password ON public.notification_outbox FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND (channel = 'EMAIL'::text) AND (template = ANY (ARRAY['member.invitation'::text, 'member.password_reset'::text])) AND (EXISTS ( SELECT 1
   FROM public.password_token t
  WHERE ((t.org_id = public.app_current_org_id()) AND ((t.id)::text = (notification_outbox.payload ->> 'tokenId'::text)) AND (t.user_id = notification_outbox.recipient_user_id) AND (t.used_at IS NULL))))));


--
-- Name: notification_outbox notification_outbox_insert_customer; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notification_outbox_insert_customer ON public.notification_outbox FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (recipient_user_id IS NULL) AND (template = ANY (ARRAY['samples.feedback.invitation'::text, 'samples.feedback.reminder'::text])) AND (EXISTS ( SELECT 1
   FROM public.feedback_link l
  WHERE ((l.org_id = public.app_current_org_id()) AND ((l.id)::text = (notification_outbox.payload ->> 'linkId'::text)) AND (l.recipient_email = notification_outbox.recipient_email) AND public.app_can_configure_samples(l.lead_id))))));


--
-- Name: notification_outbox notification_outbox_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notification_outbox_select ON public.notification_outbox FOR SELECT USING (((org_id = public.app_current_org_id()) AND (((channel = 'INAPP'::text) AND (recipient_user_id = public.app_current_user_id())) OR public.app_has_role('manager'::text) OR public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: POLICY notification_outbox_select ON notification_outbox; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY notification_outbox_select ON public.notification_outbox IS 'Named notification_outbox_read before 20261207190000.';


--
-- Name: notification_outbox notification_outbox_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notification_outbox_update ON public.notification_outbox FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: POLICY notification_outbox_update ON notification_outbox; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY notification_outbox_update ON public.notification_outbox IS 'Named notification_outbox_deliver before 20261207190000.';


--
-- Name: notification_outbox notification_outbox_update_admin_retry; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notification_outbox_update_admin_retry ON public.notification_outbox FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND (channel = 'EMAIL'::text) AND (state = 'FAILED'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND (channel = 'EMAIL'::text) AND (state = 'QUEUED'::text)));


--
-- Name: notification_outbox notification_outbox_update_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notification_outbox_update_own ON public.notification_outbox FOR UPDATE USING (((org_id = public.app_current_org_id()) AND (channel = 'INAPP'::text) AND (recipient_user_id = public.app_current_user_id()))) WITH CHECK (((org_id = public.app_current_org_id()) AND (channel = 'INAPP'::text) AND (recipient_user_id = public.app_current_user_id())));


--
-- Name: organization; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.organization ENABLE ROW LEVEL SECURITY;

--
-- Name: organization organization_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organization_insert ON public.organization FOR INSERT WITH CHECK ((id = public.app_current_org_id()));


--
-- Name: POLICY organization_insert ON organization; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY organization_insert ON public.organization IS 'Named organization_create before 20261207190000.';


--
-- Name: organization organization_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organization_select ON public.organization FOR SELECT USING ((id = public.app_current_org_id()));


--
-- Name: POLICY organization_select ON organization; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY organization_select ON public.organization IS 'Named organization_read before 20261207190000.';


--
-- Name: organization organization_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organization_update ON public.organization FOR UPDATE USING (((id = public.app_current_org_id()) AND public.app_has_role('admin'::text))) WITH CHECK ((id = public.app_current_org_id()));


--
-- Name: password_token; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.password_token ENABLE ROW LEVEL SECURITY;

--
-- Name: password_token password_token_insert_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY password_token_insert_admin ON public.password_token FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND (used_at IS NULL) AND (NOT (created_by IS DISTINCT FROM public.app_current_user_id()))));


--
-- Name: password_token password_token_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY password_token_select ON public.password_token FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR (user_id = public.app_current_user_id()))));


--
-- Name: password_token password_token_update_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY password_token_update_admin ON public.password_token FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND (used_at IS NULL))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND (used_at IS NOT NULL)));


--
-- Name: password_token password_token_update_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY password_token_update_own ON public.password_token FOR UPDATE USING (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id()) AND (used_at IS NULL))) WITH CHECK (((org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id()) AND (used_at IS NOT NULL)));


--
-- Name: product; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.product ENABLE ROW LEVEL SECURITY;

--
-- Name: product_feedback; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.product_feedback ENABLE ROW LEVEL SECURITY;

--
-- Name: product_feedback product_feedback_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY product_feedback_insert ON public.product_feedback FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id)));


--
-- Name: product_feedback product_feedback_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY product_feedback_select ON public.product_feedback FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: product_feedback product_feedback_update_system; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY product_feedback_update_system ON public.product_feedback FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_has_role('system'::text)));


--
-- Name: product product_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY product_insert ON public.product FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: product product_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY product_select ON public.product FOR SELECT USING ((org_id = public.app_current_org_id()));


--
-- Name: product product_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY product_update ON public.product FOR UPDATE USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text)))) WITH CHECK ((org_id = public.app_current_org_id()));


--
-- Name: rate_limit_bucket; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.rate_limit_bucket ENABLE ROW LEVEL SECURITY;

--
-- Name: sample_box; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sample_box ENABLE ROW LEVEL SECURITY;

--
-- Name: sample_box sample_box_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sample_box_insert ON public.sample_box FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id) AND ((configured_by IS NULL) OR (configured_by = public.app_current_user_id()))));


--
-- Name: sample_box_item; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sample_box_item ENABLE ROW LEVEL SECURITY;

--
-- Name: sample_box_item sample_box_item_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sample_box_item_all ON public.sample_box_item USING (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id)));


--
-- Name: sample_box_item sample_box_item_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sample_box_item_select ON public.sample_box_item FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: sample_box sample_box_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sample_box_select ON public.sample_box FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: sample_box sample_box_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sample_box_update ON public.sample_box FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id)));


--
-- Name: setting_value; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.setting_value ENABLE ROW LEVEL SECURITY;

--
-- Name: setting_value setting_value_delete_global; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_delete_global ON public.setting_value FOR DELETE USING (((scope = 'global'::text) AND (public.app_current_org_id() IS NOT NULL) AND public.app_has_role('platform_admin'::text)));


--
-- Name: POLICY setting_value_delete_global ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_delete_global ON public.setting_value IS 'Named setting_value_global_delete before 20261207190000.';


--
-- Name: setting_value setting_value_delete_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_delete_org ON public.setting_value FOR DELETE USING (((scope = 'org'::text) AND (org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text)));


--
-- Name: POLICY setting_value_delete_org ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_delete_org ON public.setting_value IS 'Named setting_value_org_delete before 20261207190000.';


--
-- Name: setting_value setting_value_delete_user; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_delete_user ON public.setting_value FOR DELETE USING (((scope = 'user'::text) AND (org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id())));


--
-- Name: POLICY setting_value_delete_user ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_delete_user ON public.setting_value IS 'Named setting_value_user_delete before 20261207190000.';


--
-- Name: setting_value setting_value_insert_global; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_insert_global ON public.setting_value FOR INSERT WITH CHECK (((scope = 'global'::text) AND (public.app_current_org_id() IS NOT NULL) AND public.app_has_role('platform_admin'::text) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: POLICY setting_value_insert_global ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_insert_global ON public.setting_value IS 'Named setting_value_global_insert before 20261207190000.';


--
-- Name: setting_value setting_value_insert_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_insert_org ON public.setting_value FOR INSERT WITH CHECK (((scope = 'org'::text) AND (org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: POLICY setting_value_insert_org ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_insert_org ON public.setting_value IS 'Named setting_value_org_insert before 20261207190000.';


--
-- Name: setting_value setting_value_insert_user; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_insert_user ON public.setting_value FOR INSERT WITH CHECK (((scope = 'user'::text) AND (org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id()) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: POLICY setting_value_insert_user ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_insert_user ON public.setting_value IS 'Named setting_value_user_insert before 20261207190000.';


--
-- Name: setting_value setting_value_select_global; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_select_global ON public.setting_value FOR SELECT USING (((scope = 'global'::text) AND (public.app_current_org_id() IS NOT NULL)));


--
-- Name: POLICY setting_value_select_global ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_select_global ON public.setting_value IS 'Named setting_value_global_read before 20261207190000.';


--
-- Name: setting_value setting_value_select_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_select_org ON public.setting_value FOR SELECT USING (((scope = 'org'::text) AND (org_id = public.app_current_org_id())));


--
-- Name: POLICY setting_value_select_org ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_select_org ON public.setting_value IS 'Named setting_value_org_read before 20261207190000.';


--
-- Name: setting_value setting_value_select_user; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_select_user ON public.setting_value FOR SELECT USING (((scope = 'user'::text) AND (org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id())));


--
-- Name: POLICY setting_value_select_user ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_select_user ON public.setting_value IS 'Named setting_value_user_read before 20261207190000.';


--
-- Name: setting_value setting_value_update_global; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_update_global ON public.setting_value FOR UPDATE USING (((scope = 'global'::text) AND (public.app_current_org_id() IS NOT NULL) AND public.app_has_role('platform_admin'::text))) WITH CHECK (((scope = 'global'::text) AND public.app_has_role('platform_admin'::text) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: POLICY setting_value_update_global ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_update_global ON public.setting_value IS 'Named setting_value_global_update before 20261207190000.';


--
-- Name: setting_value setting_value_update_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_update_org ON public.setting_value FOR UPDATE USING (((scope = 'org'::text) AND (org_id = public.app_current_org_id()) AND public.app_has_role('admin'::text))) WITH CHECK (((scope = 'org'::text) AND (org_id = public.app_current_org_id()) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: POLICY setting_value_update_org ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_update_org ON public.setting_value IS 'Named setting_value_org_update before 20261207190000.';


--
-- Name: setting_value setting_value_update_user; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY setting_value_update_user ON public.setting_value FOR UPDATE USING (((scope = 'user'::text) AND (org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id()))) WITH CHECK (((scope = 'user'::text) AND (org_id = public.app_current_org_id()) AND (user_id = public.app_current_user_id()) AND ((updated_by IS NULL) OR (updated_by = public.app_current_user_id()))));


--
-- Name: POLICY setting_value_update_user ON setting_value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY setting_value_update_user ON public.setting_value IS 'Named setting_value_user_update before 20261207190000.';


--
-- Name: sync_run; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sync_run ENABLE ROW LEVEL SECURITY;

--
-- Name: sync_run sync_run_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sync_run_insert ON public.sync_run FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: sync_run sync_run_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sync_run_select ON public.sync_run FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: sync_run sync_run_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sync_run_update ON public.sync_run FOR UPDATE USING (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text)))) WITH CHECK (((org_id = public.app_current_org_id()) AND (public.app_has_role('admin'::text) OR public.app_has_role('system'::text))));


--
-- Name: test_phase; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.test_phase ENABLE ROW LEVEL SECURITY;

--
-- Name: test_phase test_phase_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY test_phase_insert ON public.test_phase FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id) AND ((created_by IS NULL) OR (created_by = public.app_current_user_id()))));


--
-- Name: test_phase test_phase_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY test_phase_select ON public.test_phase FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: test_phase test_phase_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY test_phase_update ON public.test_phase FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id)));


--
-- Name: test_result; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.test_result ENABLE ROW LEVEL SECURITY;

--
-- Name: test_result test_result_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY test_result_insert ON public.test_result FOR INSERT WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id) AND ((recorded_by IS NULL) OR (recorded_by = public.app_current_user_id()))));


--
-- Name: test_result test_result_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY test_result_select ON public.test_result FOR SELECT USING (((org_id = public.app_current_org_id()) AND (public.app_is_lead_manager() OR public.app_has_role('auditor'::text) OR public.app_can_read_lead(lead_id))));


--
-- Name: test_result test_result_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY test_result_update ON public.test_result FOR UPDATE USING (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id))) WITH CHECK (((org_id = public.app_current_org_id()) AND public.app_can_configure_samples(lead_id) AND ((recorded_by IS NULL) OR (recorded_by = public.app_current_user_id()))));


--
-- Name: user_session; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.user_session ENABLE ROW LEVEL SECURITY;

--
-- Name: user_session user_session_select_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY user_session_select_own ON public.user_session FOR SELECT USING ((user_id = public.app_current_user_id()));


--
-- Name: POLICY user_session_select_own ON user_session; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY user_session_select_own ON public.user_session IS 'Named user_session_own_read before 20261207190000.';


--
-- Name: user_session user_session_update_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY user_session_update_own ON public.user_session FOR UPDATE USING ((user_id = public.app_current_user_id())) WITH CHECK (((user_id = public.app_current_user_id()) AND (revoked_at IS NOT NULL)));


--
-- Name: POLICY user_session_update_own ON user_session; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON POLICY user_session_update_own ON public.user_session IS 'Named user_session_own_revoke before 20261207190000.';


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO freshplan_app;


--
-- Name: FUNCTION gtrgm_in(cstring); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_in(cstring) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_out(public.gtrgm); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_out(public.gtrgm) FROM PUBLIC;


--
-- Name: FUNCTION app_ai_budget_notify(p_month date, p_cap_eur numeric); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_ai_budget_notify(p_month date, p_cap_eur numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_ai_budget_notify(p_month date, p_cap_eur numeric) TO freshplan_app;


--
-- Name: FUNCTION app_ai_overseer(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_ai_overseer() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_ai_overseer() TO freshplan_app;


--
-- Name: FUNCTION app_ai_spender(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_ai_spender() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_ai_spender() TO freshplan_app;


--
-- Name: FUNCTION app_audit_chain_lengths(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_audit_chain_lengths() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_audit_chain_lengths() TO freshplan_app;


--
-- Name: FUNCTION app_audit_genesis(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_audit_genesis() FROM PUBLIC;


--
-- Name: TABLE audit_event; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.audit_event TO freshplan_app;


--
-- Name: FUNCTION app_audit_hash(e public.audit_event); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_audit_hash(e public.audit_event) FROM PUBLIC;


--
-- Name: FUNCTION app_audit_heads(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_audit_heads() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_audit_heads() TO freshplan_app;


--
-- Name: FUNCTION app_audit_link(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_audit_link() FROM PUBLIC;


--
-- Name: FUNCTION app_audit_refuse_change(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_audit_refuse_change() FROM PUBLIC;


--
-- Name: FUNCTION app_audit_sealed_page(p_after bigint, p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_audit_sealed_page(p_after bigint, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_audit_sealed_page(p_after bigint, p_limit integer) TO freshplan_app;


--
-- Name: FUNCTION app_audit_verify(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_audit_verify() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_audit_verify() TO freshplan_app;


--
-- Name: FUNCTION app_can_configure_samples(p_lead uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_can_configure_samples(p_lead uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_can_configure_samples(p_lead uuid) TO freshplan_app;


--
-- Name: FUNCTION app_can_log_activity(p_lead uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_can_log_activity(p_lead uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_can_log_activity(p_lead uuid) TO freshplan_app;


--
-- Name: FUNCTION app_can_read_lead(p_lead uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_can_read_lead(p_lead uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_can_read_lead(p_lead uuid) TO freshplan_app;


--
-- Name: FUNCTION app_can_write_lead(p_lead uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_can_write_lead(p_lead uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_can_write_lead(p_lead uuid) TO freshplan_app;


--
-- Name: FUNCTION app_clock_moment(p_deadline timestamp with time zone, p_now timestamp with time zone, p_holds tstzmultirange); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_clock_moment(p_deadline timestamp with time zone, p_now timestamp with time zone, p_holds tstzmultirange) FROM PUBLIC;


--
-- Name: FUNCTION app_current_org_id(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_current_org_id() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_current_org_id() TO freshplan_app;


--
-- Name: FUNCTION app_current_user_id(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_current_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_current_user_id() TO freshplan_app;


--
-- Name: FUNCTION app_days(p_days numeric); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_days(p_days numeric) FROM PUBLIC;


--
-- Name: FUNCTION app_feedback_link_by_hash(p_hash bytea); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_feedback_link_by_hash(p_hash bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_feedback_link_by_hash(p_hash bytea) TO freshplan_app;


--
-- Name: FUNCTION app_has_role(p_role text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_has_role(p_role text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_has_role(p_role text) TO freshplan_app;


--
-- Name: FUNCTION app_help_document(p_locale text, p_title text, p_tags text[], p_body text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_help_document(p_locale text, p_title text, p_tags text[], p_body text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_help_document(p_locale text, p_title text, p_tags text[], p_body text) TO freshplan_app;


--
-- Name: FUNCTION app_help_learn_words(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_help_learn_words() FROM PUBLIC;


--
-- Name: FUNCTION app_help_may_read(p_space text, p_status text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_help_may_read(p_space text, p_status text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_help_may_read(p_space text, p_status text) TO freshplan_app;


--
-- Name: FUNCTION app_help_words(p_title text, p_tags text[], p_body text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_help_words(p_title text, p_tags text[], p_body text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_help_words(p_title text, p_tags text[], p_body text) TO freshplan_app;


--
-- Name: FUNCTION app_idempotency_cleanup(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_idempotency_cleanup() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_idempotency_cleanup() TO freshplan_app;


--
-- Name: FUNCTION app_is_collaborator(p_lead uuid, p_roles text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_is_collaborator(p_lead uuid, p_roles text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_is_collaborator(p_lead uuid, p_roles text[]) TO freshplan_app;


--
-- Name: FUNCTION app_is_lead_manager(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_is_lead_manager() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_is_lead_manager() TO freshplan_app;


--
-- Name: FUNCTION app_is_own_registration(p_lead uuid, p_assigned_at timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_is_own_registration(p_lead uuid, p_assigned_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_is_own_registration(p_lead uuid, p_assigned_at timestamp with time zone) TO freshplan_app;


--
-- Name: FUNCTION app_is_protected_owner(p_lead uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_is_protected_owner(p_lead uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_is_protected_owner(p_lead uuid) TO freshplan_app;


--
-- Name: FUNCTION app_job_org_ids(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_job_org_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_job_org_ids() TO freshplan_app;


--
-- Name: FUNCTION app_lead_activity_kinds(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_activity_kinds() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_lead_activity_kinds() TO freshplan_app;


--
-- Name: FUNCTION app_lead_assignment_created_at(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_assignment_created_at() FROM PUBLIC;


--
-- Name: FUNCTION app_lead_created_at_sync(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_created_at_sync() FROM PUBLIC;


--
-- Name: FUNCTION app_lead_due_moments_of(p_lead uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_due_moments_of(p_lead uuid, p_now timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION app_lead_duplicates(p_company text, p_city text, p_email text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_duplicates(p_company text, p_city text, p_email text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_lead_duplicates(p_company text, p_city text, p_email text) TO freshplan_app;


--
-- Name: FUNCTION app_lead_expiry_of(p_lead uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_expiry_of(p_lead uuid, p_now timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION app_lead_expiry_settings_trigger(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_expiry_settings_trigger() FROM PUBLIC;


--
-- Name: FUNCTION app_lead_expiry_trigger(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_expiry_trigger() FROM PUBLIC;


--
-- Name: FUNCTION app_lead_paused(p_lead uuid, p_anchor timestamp with time zone, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_paused(p_lead uuid, p_anchor timestamp with time zone, p_now timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION app_lead_protection_config(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_protection_config() FROM PUBLIC;


--
-- Name: FUNCTION app_lead_protection_counts(p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_protection_counts(p_now timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION app_lead_protection_counts_cached(p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_protection_counts_cached(p_now timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION app_lead_protection_counts_full(p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_protection_counts_full(p_now timestamp with time zone) FROM PUBLIC;


--
-- Name: FUNCTION app_lead_protection_of(p_lead uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_protection_of(p_lead uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_lead_protection_of(p_lead uuid, p_now timestamp with time zone) TO freshplan_app;


--
-- Name: FUNCTION app_lead_protection_summary(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_protection_summary() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_lead_protection_summary() TO freshplan_app;


--
-- Name: FUNCTION app_lead_qualifying_kinds(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_qualifying_kinds() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_lead_qualifying_kinds() TO freshplan_app;


--
-- Name: FUNCTION app_lead_refresh_expiry(p_lead uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_lead_refresh_expiry(p_lead uuid) FROM PUBLIC;


--
-- Name: FUNCTION app_login_lookup(p_email text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_login_lookup(p_email text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_login_lookup(p_email text) TO freshplan_app;


--
-- Name: FUNCTION app_member_last_sign_in(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_member_last_sign_in() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_member_last_sign_in() TO freshplan_app;


--
-- Name: FUNCTION app_membership_sessions_end(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_membership_sessions_end() FROM PUBLIC;


--
-- Name: FUNCTION app_name_key(p_name text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_name_key(p_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_name_key(p_name text) TO freshplan_app;


--
-- Name: FUNCTION app_now(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_now() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_now() TO freshplan_app;


--
-- Name: FUNCTION app_org_id_by_slug(p_slug text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_org_id_by_slug(p_slug text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_org_id_by_slug(p_slug text) TO freshplan_app;


--
-- Name: FUNCTION app_password_token_by_hash(p_hash bytea); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_password_token_by_hash(p_hash bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_password_token_by_hash(p_hash bytea) TO freshplan_app;


--
-- Name: FUNCTION app_rate_limit_cleanup(p_older_than_seconds integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_rate_limit_cleanup(p_older_than_seconds integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_rate_limit_cleanup(p_older_than_seconds integer) TO freshplan_app;


--
-- Name: FUNCTION app_rate_limit_hit(p_key text, p_limit integer, p_window_seconds integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_rate_limit_hit(p_key text, p_limit integer, p_window_seconds integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_rate_limit_hit(p_key text, p_limit integer, p_window_seconds integer) TO freshplan_app;


--
-- Name: FUNCTION app_rate_limit_reset(p_key text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_rate_limit_reset(p_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_rate_limit_reset(p_key text) TO freshplan_app;


--
-- Name: FUNCTION app_refresh_lead_summary(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_refresh_lead_summary() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_refresh_lead_summary() TO freshplan_app;


--
-- Name: FUNCTION app_session_account(p_user_id uuid, p_session_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_session_account(p_user_id uuid, p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_session_account(p_user_id uuid, p_session_id uuid) TO freshplan_app;


--
-- Name: FUNCTION app_session_memberships(p_user_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_session_memberships(p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_session_memberships(p_user_id uuid) TO freshplan_app;


--
-- Name: FUNCTION app_session_start(p_user_id uuid, p_user_agent text, p_lifetime_seconds integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_session_start(p_user_id uuid, p_user_agent text, p_lifetime_seconds integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_session_start(p_user_id uuid, p_user_agent text, p_lifetime_seconds integer) TO freshplan_app;


--
-- Name: FUNCTION app_token_lookup(p_token_hash text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_token_lookup(p_token_hash text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_token_lookup(p_token_hash text) TO freshplan_app;


--
-- Name: FUNCTION app_token_touch(p_token_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_token_touch(p_token_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_token_touch(p_token_id uuid) TO freshplan_app;


--
-- Name: FUNCTION app_trigram_similarity(a text, b text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_trigram_similarity(a text, b text) FROM PUBLIC;


--
-- Name: FUNCTION app_user_id_by_email(p_email text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_user_id_by_email(p_email text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_user_id_by_email(p_email text) TO freshplan_app;


--
-- Name: FUNCTION app_user_sessions_end(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_user_sessions_end() FROM PUBLIC;


--
-- Name: FUNCTION app_webhook_connection(p_connection_id uuid, p_provider text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.app_webhook_connection(p_connection_id uuid, p_provider text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_webhook_connection(p_connection_id uuid, p_provider text) TO freshplan_app;


--
-- Name: FUNCTION gin_extract_query_trgm(text, internal, smallint, internal, internal, internal, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gin_extract_query_trgm(text, internal, smallint, internal, internal, internal, internal) FROM PUBLIC;


--
-- Name: FUNCTION gin_extract_value_trgm(text, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gin_extract_value_trgm(text, internal) FROM PUBLIC;


--
-- Name: FUNCTION gin_trgm_consistent(internal, smallint, text, integer, internal, internal, internal, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gin_trgm_consistent(internal, smallint, text, integer, internal, internal, internal, internal) FROM PUBLIC;


--
-- Name: FUNCTION gin_trgm_triconsistent(internal, smallint, text, integer, internal, internal, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gin_trgm_triconsistent(internal, smallint, text, integer, internal, internal, internal) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_compress(internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_compress(internal) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_consistent(internal, text, smallint, oid, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_consistent(internal, text, smallint, oid, internal) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_decompress(internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_decompress(internal) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_distance(internal, text, smallint, oid, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_distance(internal, text, smallint, oid, internal) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_options(internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_options(internal) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_penalty(internal, internal, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_penalty(internal, internal, internal) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_picksplit(internal, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_picksplit(internal, internal) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_same(public.gtrgm, public.gtrgm, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_same(public.gtrgm, public.gtrgm, internal) FROM PUBLIC;


--
-- Name: FUNCTION gtrgm_union(internal, internal); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.gtrgm_union(internal, internal) FROM PUBLIC;


--
-- Name: FUNCTION set_limit(real); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.set_limit(real) FROM PUBLIC;


--
-- Name: FUNCTION show_limit(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.show_limit() FROM PUBLIC;


--
-- Name: FUNCTION show_trgm(text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.show_trgm(text) FROM PUBLIC;


--
-- Name: FUNCTION similarity(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.similarity(text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.similarity(text, text) TO freshplan_app;


--
-- Name: FUNCTION similarity_dist(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.similarity_dist(text, text) FROM PUBLIC;


--
-- Name: FUNCTION similarity_op(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.similarity_op(text, text) FROM PUBLIC;


--
-- Name: FUNCTION strict_word_similarity(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.strict_word_similarity(text, text) FROM PUBLIC;


--
-- Name: FUNCTION strict_word_similarity_commutator_op(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.strict_word_similarity_commutator_op(text, text) FROM PUBLIC;


--
-- Name: FUNCTION strict_word_similarity_dist_commutator_op(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.strict_word_similarity_dist_commutator_op(text, text) FROM PUBLIC;


--
-- Name: FUNCTION strict_word_similarity_dist_op(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.strict_word_similarity_dist_op(text, text) FROM PUBLIC;


--
-- Name: FUNCTION strict_word_similarity_op(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.strict_word_similarity_op(text, text) FROM PUBLIC;


--
-- Name: FUNCTION word_similarity(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.word_similarity(text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.word_similarity(text, text) TO freshplan_app;


--
-- Name: FUNCTION word_similarity_commutator_op(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.word_similarity_commutator_op(text, text) FROM PUBLIC;


--
-- Name: FUNCTION word_similarity_dist_commutator_op(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.word_similarity_dist_commutator_op(text, text) FROM PUBLIC;


--
-- Name: FUNCTION word_similarity_dist_op(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.word_similarity_dist_op(text, text) FROM PUBLIC;


--
-- Name: FUNCTION word_similarity_op(text, text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.word_similarity_op(text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.word_similarity_op(text, text) TO freshplan_app;


--
-- Name: TABLE ai_budget_org_month; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.ai_budget_org_month TO freshplan_app;


--
-- Name: COLUMN ai_budget_org_month.spent_eur; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(spent_eur) ON TABLE public.ai_budget_org_month TO freshplan_app;


--
-- Name: COLUMN ai_budget_org_month.reserved_eur; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(reserved_eur) ON TABLE public.ai_budget_org_month TO freshplan_app;


--
-- Name: TABLE ai_budget_reservation; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.ai_budget_reservation TO freshplan_app;


--
-- Name: COLUMN ai_budget_reservation.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.ai_budget_reservation TO freshplan_app;


--
-- Name: COLUMN ai_budget_reservation.settled_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(settled_at) ON TABLE public.ai_budget_reservation TO freshplan_app;


--
-- Name: COLUMN ai_budget_reservation.actual_eur; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(actual_eur) ON TABLE public.ai_budget_reservation TO freshplan_app;


--
-- Name: TABLE ai_budget_user_month; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.ai_budget_user_month TO freshplan_app;


--
-- Name: COLUMN ai_budget_user_month.spent_eur; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(spent_eur) ON TABLE public.ai_budget_user_month TO freshplan_app;


--
-- Name: COLUMN ai_budget_user_month.reserved_eur; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(reserved_eur) ON TABLE public.ai_budget_user_month TO freshplan_app;


--
-- Name: TABLE ai_cache; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.ai_cache TO freshplan_app;


--
-- Name: COLUMN ai_cache.use_case; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(use_case) ON TABLE public.ai_cache TO freshplan_app;


--
-- Name: COLUMN ai_cache.model; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(model) ON TABLE public.ai_cache TO freshplan_app;


--
-- Name: COLUMN ai_cache.output; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(output) ON TABLE public.ai_cache TO freshplan_app;


--
-- Name: COLUMN ai_cache.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(created_at) ON TABLE public.ai_cache TO freshplan_app;


--
-- Name: COLUMN ai_cache.expires_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(expires_at) ON TABLE public.ai_cache TO freshplan_app;


--
-- Name: TABLE ai_call; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.ai_call TO freshplan_app;


--
-- Name: TABLE ai_model_price; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.ai_model_price TO freshplan_app;


--
-- Name: TABLE alert_event; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.alert_event TO freshplan_app;


--
-- Name: TABLE alert_rule; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.alert_rule TO freshplan_app;


--
-- Name: TABLE api_token; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.api_token TO freshplan_app;


--
-- Name: TABLE app_log; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.app_log TO freshplan_app;


--
-- Name: TABLE app_user; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.app_user TO freshplan_app;


--
-- Name: TABLE audit_seal; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.audit_seal TO freshplan_app;


--
-- Name: TABLE backup_drill; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.backup_drill TO freshplan_app;


--
-- Name: TABLE backup_run; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.backup_run TO freshplan_app;


--
-- Name: TABLE credit_company; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.credit_company TO freshplan_app;


--
-- Name: COLUMN credit_company.name; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(name) ON TABLE public.credit_company TO freshplan_app;


--
-- Name: COLUMN credit_company.city; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(city) ON TABLE public.credit_company TO freshplan_app;


--
-- Name: COLUMN credit_company.country; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(country) ON TABLE public.credit_company TO freshplan_app;


--
-- Name: COLUMN credit_company.grade; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(grade) ON TABLE public.credit_company TO freshplan_app;


--
-- Name: COLUMN credit_company.cover_status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(cover_status) ON TABLE public.credit_company TO freshplan_app;


--
-- Name: COLUMN credit_company.limit_amount; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(limit_amount) ON TABLE public.credit_company TO freshplan_app;


--
-- Name: COLUMN credit_company.currency; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(currency) ON TABLE public.credit_company TO freshplan_app;


--
-- Name: COLUMN credit_company.decided_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(decided_at) ON TABLE public.credit_company TO freshplan_app;


--
-- Name: COLUMN credit_company.fetched_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(fetched_at) ON TABLE public.credit_company TO freshplan_app;


--
-- Name: TABLE credit_limit_request; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.credit_limit_request TO freshplan_app;


--
-- Name: COLUMN credit_limit_request.state; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(state) ON TABLE public.credit_limit_request TO freshplan_app;


--
-- Name: COLUMN credit_limit_request.cover_status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(cover_status) ON TABLE public.credit_limit_request TO freshplan_app;


--
-- Name: COLUMN credit_limit_request.granted_amount; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(granted_amount) ON TABLE public.credit_limit_request TO freshplan_app;


--
-- Name: COLUMN credit_limit_request.error; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(error) ON TABLE public.credit_limit_request TO freshplan_app;


--
-- Name: COLUMN credit_limit_request.polls; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(polls) ON TABLE public.credit_limit_request TO freshplan_app;


--
-- Name: COLUMN credit_limit_request.polled_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(polled_at) ON TABLE public.credit_limit_request TO freshplan_app;


--
-- Name: COLUMN credit_limit_request.decided_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(decided_at) ON TABLE public.credit_limit_request TO freshplan_app;


--
-- Name: TABLE feedback_link; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.feedback_link TO freshplan_app;


--
-- Name: TABLE feedback_submission; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.feedback_submission TO freshplan_app;


--
-- Name: TABLE help_article; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.space; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(space) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.slug; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(slug) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.title; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(title) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.body_md; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(body_md) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.tags; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(tags) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.help_keys; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(help_keys) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.updated_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_by) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.reviewed_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(reviewed_by) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.help_article TO freshplan_app;


--
-- Name: COLUMN help_article.published_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(published_at) ON TABLE public.help_article TO freshplan_app;


--
-- Name: TABLE help_article_version; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_article_version TO freshplan_app;


--
-- Name: TABLE help_experiment; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_experiment TO freshplan_app;


--
-- Name: COLUMN help_experiment.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.help_experiment TO freshplan_app;


--
-- Name: COLUMN help_experiment.starts_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(starts_at) ON TABLE public.help_experiment TO freshplan_app;


--
-- Name: COLUMN help_experiment.ends_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(ends_at) ON TABLE public.help_experiment TO freshplan_app;


--
-- Name: COLUMN help_experiment.winner_arm; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(winner_arm) ON TABLE public.help_experiment TO freshplan_app;


--
-- Name: COLUMN help_experiment.stopped_reason; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(stopped_reason) ON TABLE public.help_experiment TO freshplan_app;


--
-- Name: COLUMN help_experiment.stopped_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(stopped_at) ON TABLE public.help_experiment TO freshplan_app;


--
-- Name: COLUMN help_experiment.stopped_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(stopped_by) ON TABLE public.help_experiment TO freshplan_app;


--
-- Name: TABLE help_experiment_arm; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_experiment_arm TO freshplan_app;


--
-- Name: TABLE help_exposure; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_exposure TO freshplan_app;


--
-- Name: TABLE help_feedback; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_feedback TO freshplan_app;


--
-- Name: COLUMN help_feedback.helpful; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(helpful) ON TABLE public.help_feedback TO freshplan_app;


--
-- Name: COLUMN help_feedback.comment; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(comment) ON TABLE public.help_feedback TO freshplan_app;


--
-- Name: COLUMN help_feedback.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(created_at) ON TABLE public.help_feedback TO freshplan_app;


--
-- Name: TABLE help_guide; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_guide TO freshplan_app;


--
-- Name: TABLE help_guide_progress; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.help_guide_progress TO freshplan_app;


--
-- Name: TABLE help_guide_step; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_guide_step TO freshplan_app;


--
-- Name: TABLE help_question; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_question TO freshplan_app;


--
-- Name: TABLE help_search_log; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_search_log TO freshplan_app;


--
-- Name: TABLE help_synonym; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.help_synonym TO freshplan_app;


--
-- Name: TABLE help_word; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.help_word TO freshplan_app;


--
-- Name: TABLE idempotency_key; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.idempotency_key TO freshplan_app;


--
-- Name: TABLE integration_call; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.integration_call TO freshplan_app;


--
-- Name: TABLE integration_connection; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.integration_connection TO freshplan_app;


--
-- Name: COLUMN integration_connection.name; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(name) ON TABLE public.integration_connection TO freshplan_app;


--
-- Name: COLUMN integration_connection.settings; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(settings) ON TABLE public.integration_connection TO freshplan_app;


--
-- Name: COLUMN integration_connection.secrets; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(secrets) ON TABLE public.integration_connection TO freshplan_app;


--
-- Name: COLUMN integration_connection.key_id; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(key_id) ON TABLE public.integration_connection TO freshplan_app;


--
-- Name: COLUMN integration_connection.enabled; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(enabled) ON TABLE public.integration_connection TO freshplan_app;


--
-- Name: COLUMN integration_connection.updated_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_by) ON TABLE public.integration_connection TO freshplan_app;


--
-- Name: COLUMN integration_connection.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.integration_connection TO freshplan_app;


--
-- Name: TABLE integration_webhook_event; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.integration_webhook_event TO freshplan_app;


--
-- Name: COLUMN integration_webhook_event.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.integration_webhook_event TO freshplan_app;


--
-- Name: COLUMN integration_webhook_event.attempts; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(attempts) ON TABLE public.integration_webhook_event TO freshplan_app;


--
-- Name: COLUMN integration_webhook_event.last_error; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(last_error) ON TABLE public.integration_webhook_event TO freshplan_app;


--
-- Name: COLUMN integration_webhook_event.result; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(result) ON TABLE public.integration_webhook_event TO freshplan_app;


--
-- Name: COLUMN integration_webhook_event.processed_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(processed_at) ON TABLE public.integration_webhook_event TO freshplan_app;


--
-- Name: TABLE job_run; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.job_run TO freshplan_app;


--
-- Name: TABLE lead; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.lead TO freshplan_app;


--
-- Name: TABLE lead_activity; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.lead_activity TO freshplan_app;


--
-- Name: TABLE lead_assignment; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.lead_assignment TO freshplan_app;


--
-- Name: COLUMN lead_assignment.assigned_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(assigned_at) ON TABLE public.lead_assignment TO freshplan_app;


--
-- Name: COLUMN lead_assignment.released_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(released_at) ON TABLE public.lead_assignment TO freshplan_app;


--
-- Name: COLUMN lead_assignment.release_reason; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(release_reason) ON TABLE public.lead_assignment TO freshplan_app;


--
-- Name: TABLE lead_collaborator; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.lead_collaborator TO freshplan_app;


--
-- Name: TABLE lead_credit; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.lead_credit TO freshplan_app;


--
-- Name: COLUMN lead_credit.company_ref; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(company_ref) ON TABLE public.lead_credit TO freshplan_app;


--
-- Name: COLUMN lead_credit.linked_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(linked_by) ON TABLE public.lead_credit TO freshplan_app;


--
-- Name: COLUMN lead_credit.linked_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(linked_at) ON TABLE public.lead_credit TO freshplan_app;


--
-- Name: TABLE lead_extension_request; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.lead_extension_request TO freshplan_app;


--
-- Name: COLUMN lead_extension_request.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.lead_extension_request TO freshplan_app;


--
-- Name: COLUMN lead_extension_request.decided_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(decided_by) ON TABLE public.lead_extension_request TO freshplan_app;


--
-- Name: COLUMN lead_extension_request.decided_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(decided_at) ON TABLE public.lead_extension_request TO freshplan_app;


--
-- Name: COLUMN lead_extension_request.decision_comment; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(decision_comment) ON TABLE public.lead_extension_request TO freshplan_app;


--
-- Name: COLUMN lead_extension_request.escalated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(escalated_at) ON TABLE public.lead_extension_request TO freshplan_app;


--
-- Name: TABLE lead_hold; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.lead_hold TO freshplan_app;


--
-- Name: COLUMN lead_hold.end_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(end_at) ON TABLE public.lead_hold TO freshplan_app;


--
-- Name: TABLE lead_protection_daily; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.lead_protection_daily TO freshplan_app;


--
-- Name: COLUMN lead_protection_daily.active; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(active) ON TABLE public.lead_protection_daily TO freshplan_app;


--
-- Name: COLUMN lead_protection_daily.grace; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(grace) ON TABLE public.lead_protection_daily TO freshplan_app;


--
-- Name: COLUMN lead_protection_daily.expired; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(expired) ON TABLE public.lead_protection_daily TO freshplan_app;


--
-- Name: COLUMN lead_protection_daily.due_soon; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(due_soon) ON TABLE public.lead_protection_daily TO freshplan_app;


--
-- Name: COLUMN lead_protection_daily.as_of; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(as_of) ON TABLE public.lead_protection_daily TO freshplan_app;


--
-- Name: TABLE lead_reminder; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.lead_reminder TO freshplan_app;


--
-- Name: TABLE lead_xentral; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.lead_xentral TO freshplan_app;


--
-- Name: TABLE mail_inbox_state; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.mail_inbox_state TO freshplan_app;


--
-- Name: COLUMN mail_inbox_state.uid_validity; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(uid_validity) ON TABLE public.mail_inbox_state TO freshplan_app;


--
-- Name: COLUMN mail_inbox_state.last_uid; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(last_uid) ON TABLE public.mail_inbox_state TO freshplan_app;


--
-- Name: COLUMN mail_inbox_state.polled_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(polled_at) ON TABLE public.mail_inbox_state TO freshplan_app;


--
-- Name: TABLE mail_message; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.mail_message TO freshplan_app;


--
-- Name: COLUMN mail_message.message_id; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(message_id) ON TABLE public.mail_message TO freshplan_app;


--
-- Name: TABLE mail_suggestion; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.from_address; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(from_address) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.from_name; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(from_name) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.subject; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(subject) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.excerpt; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(excerpt) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.proposed_summary; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(proposed_summary) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.decided_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(decided_by) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.decided_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(decided_at) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.activity_id; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(activity_id) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: COLUMN mail_suggestion.pseudonymised_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(pseudonymised_at) ON TABLE public.mail_suggestion TO freshplan_app;


--
-- Name: TABLE membership; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.membership TO freshplan_app;


--
-- Name: TABLE notification_outbox; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.notification_outbox TO freshplan_app;


--
-- Name: COLUMN notification_outbox.sent_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(sent_at) ON TABLE public.notification_outbox TO freshplan_app;


--
-- Name: COLUMN notification_outbox.state; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(state) ON TABLE public.notification_outbox TO freshplan_app;


--
-- Name: COLUMN notification_outbox.attempts; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(attempts) ON TABLE public.notification_outbox TO freshplan_app;


--
-- Name: COLUMN notification_outbox.next_attempt_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(next_attempt_at) ON TABLE public.notification_outbox TO freshplan_app;


--
-- Name: COLUMN notification_outbox.last_error; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(last_error) ON TABLE public.notification_outbox TO freshplan_app;


--
-- Name: COLUMN notification_outbox.message_id; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(message_id) ON TABLE public.notification_outbox TO freshplan_app;


--
-- Name: COLUMN notification_outbox.read_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(read_at) ON TABLE public.notification_outbox TO freshplan_app;


--
-- Name: TABLE organization; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.organization TO freshplan_app;


--
-- Name: TABLE password_token; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.password_token TO freshplan_app;


--
-- Name: COLUMN password_token.used_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(used_at) ON TABLE public.password_token TO freshplan_app;


--
-- Name: TABLE product; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.product TO freshplan_app;


--
-- Name: TABLE product_feedback; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.product_feedback TO freshplan_app;


--
-- Name: COLUMN product_feedback.sentiment; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(sentiment) ON TABLE public.product_feedback TO freshplan_app;


--
-- Name: COLUMN product_feedback.sentiment_topics; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(sentiment_topics) ON TABLE public.product_feedback TO freshplan_app;


--
-- Name: COLUMN product_feedback.sentiment_confidence; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(sentiment_confidence) ON TABLE public.product_feedback TO freshplan_app;


--
-- Name: COLUMN product_feedback.sentiment_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(sentiment_at) ON TABLE public.product_feedback TO freshplan_app;


--
-- Name: TABLE sample_box; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.sample_box TO freshplan_app;


--
-- Name: TABLE sample_box_item; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.sample_box_item TO freshplan_app;


--
-- Name: TABLE schema_migrations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.schema_migrations TO freshplan_app;


--
-- Name: TABLE setting_value; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.setting_value TO freshplan_app;


--
-- Name: TABLE sync_run; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.sync_run TO freshplan_app;


--
-- Name: COLUMN sync_run.finished_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(finished_at) ON TABLE public.sync_run TO freshplan_app;


--
-- Name: COLUMN sync_run.counts; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(counts) ON TABLE public.sync_run TO freshplan_app;


--
-- Name: COLUMN sync_run.error; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(error) ON TABLE public.sync_run TO freshplan_app;


--
-- Name: COLUMN sync_run.cursor; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(cursor) ON TABLE public.sync_run TO freshplan_app;


--
-- Name: TABLE test_phase; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.test_phase TO freshplan_app;


--
-- Name: TABLE test_result; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.test_result TO freshplan_app;


--
-- Name: TABLE user_session; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.user_session TO freshplan_app;


--
-- Name: COLUMN user_session.revoked_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(revoked_at) ON TABLE public.user_session TO freshplan_app;


--
-- Name: COLUMN user_session.revoked_reason; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(revoked_reason) ON TABLE public.user_session TO freshplan_app;


--
-- Name: TABLE v_lead_protection; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.v_lead_protection TO freshplan_app;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres REVOKE ALL ON FUNCTIONS  FROM PUBLIC;


--
-- PostgreSQL database dump complete
--

--
-- Migrations applied (sql/migrations)
--

INSERT INTO public.schema_migrations (version) VALUES
    ('20261129090000'),
    ('20261129100000'),
    ('20261129110000'),
    ('20261129120000'),
    ('20261129130000'),
    ('20261129140000'),
    ('20261129141000'),
    ('20261129150000'),
    ('20261129160000'),
    ('20261129165000'),
    ('20261129166000'),
    ('20261129167000'),
    ('20261129168000'),
    ('20261129169000'),
    ('20261129170000'),
    ('20261129171000'),
    ('20261129172000'),
    ('20261129173000'),
    ('20261207100000'),
    ('20261207100100'),
    ('20261207100200'),
    ('20261207100300'),
    ('20261207100400'),
    ('20261207110000'),
    ('20261207120000'),
    ('20261207121000'),
    ('20261207190000'),
    ('20261207200000'),
    ('20261207201000'),
    ('20261207201700'),
    ('20261207202000'),
    ('20261207210000'),
    ('20261207210200'),
    ('20261207214530'),
    ('20261207223000'),
    ('20261207230500'),
    ('20261208090000'),
    ('20261208100000'),
    ('20261209100000'),
    ('20261209105000'),
    ('20261209106000'),
    ('20261209110000'),
    ('20261209120000'),
    ('20261209200000'),
    ('20261209200100'),
    ('20261209300000'),
    ('20261209310000'),
    ('20261209320000'),
    ('20261210100000'),
    ('20261210110000'),
    ('20261210120000');
