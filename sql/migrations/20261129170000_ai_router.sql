-- The AI router's data: model prices, monthly budgets with reservations, the answer cache and the
-- call log the dashboards read (lib/ai/{prices,budget,cache,calls,queries}.ts).
--
-- Money is EUR in numeric(18, 8): exact sums, and a single small call (a few hundred tokens of a
-- small model, ~0.0001 EUR) keeps its digits. Months are the first day of the month (UTC).
--
-- Budgets work in two short transactions around the provider call, never one held open across it:
--   reserve  UPDATE … SET reserved_eur = reserved_eur + x WHERE spent_eur + reserved_eur + x <= cap
--            on the organisation's month row, then the user's; the row lock serialises concurrent
--            reservers and PostgreSQL re-checks the WHERE against the row a concurrent one committed,
--            so spent + reserved never passes the cap. A refusal rolls the whole transaction back.
--   settle   reserved_eur -= amount, spent_eur += actual cost (on both rows), reservation closed.
--   release  reserved_eur -= amount (the call failed), reservation closed.
-- A reservation a crashed process left open is released by the stale-reservation job.

-- migrate:up

-- Who may spend (the ABAC action ai.use, and the system context for jobs) and who oversees the
-- spending of others (the dashboard, ai.dashboard.view). Second wall behind lib/auth/policy.ts.
CREATE FUNCTION app_ai_spender() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(app_has_role('admin') OR app_has_role('manager') OR app_has_role('sales')
                        OR app_has_role('system'), false) $$;

CREATE FUNCTION app_ai_overseer() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(app_has_role('admin') OR app_has_role('manager') OR app_has_role('auditor')
                        OR app_has_role('system'), false) $$;

-- Prices ----------------------------------------------------------------------------------------
-- One installation-wide price per model, in EUR per million tokens. A model without a row costs
-- 0 EUR: that is how a self-hosted model (Ollama, vLLM behind OPENAI_BASE_URL) is meant to be
-- priced, and it means a typo in a model name is free rather than blocked, so the dashboards show
-- the model by name for an operator to spot.
CREATE TABLE ai_model_price (
  model                  text PRIMARY KEY CHECK (length(btrim(model)) BETWEEN 1 AND 200),
  provider               text NOT NULL CHECK (provider IN ('openai', 'anthropic')),
  input_per_million_eur  numeric(12, 4) NOT NULL CHECK (input_per_million_eur >= 0),
  output_per_million_eur numeric(12, 4) NOT NULL CHECK (output_per_million_eur >= 0),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  -- The platform admin who set it; NULL for the seed below and operators.
  updated_by             uuid REFERENCES app_user (id) ON DELETE SET NULL
);

ALTER TABLE ai_model_price ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_model_price FORCE ROW LEVEL SECURITY;
CREATE POLICY ai_model_price_read ON ai_model_price FOR SELECT
  USING (NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL OR app_has_role('system'));
CREATE POLICY ai_model_price_insert ON ai_model_price FOR INSERT
  WITH CHECK (NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
              AND app_has_role('platform_admin'));
CREATE POLICY ai_model_price_update ON ai_model_price FOR UPDATE
  USING (NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
         AND app_has_role('platform_admin'))
  WITH CHECK (app_has_role('platform_admin'));
CREATE POLICY ai_model_price_delete ON ai_model_price FOR DELETE
  USING (NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
         AND app_has_role('platform_admin'));

GRANT SELECT, INSERT, UPDATE, DELETE ON ai_model_price TO freshplan_app;

-- List prices in USD (OpenAI and Anthropic, 2025) at 0.92 EUR per USD, rounded to the cent;
-- platform admins keep them current on the prices page.
INSERT INTO ai_model_price (model, provider, input_per_million_eur, output_per_million_eur) VALUES
  ('gpt-4o-mini',       'openai',    0.14,  0.55),
  ('gpt-4o',            'openai',    2.30,  9.20),
  ('claude-haiku-4-5',  'anthropic', 0.92,  4.60),
  ('claude-sonnet-4-5', 'anthropic', 2.76, 13.80);

-- Budgets ---------------------------------------------------------------------------------------
-- The caps are settings (ai.budget.monthly.cap, org; ai.budget.user.monthly.cap, user, nullable),
-- read by the code; these rows hold what is spent and reserved against them. The user row is kept
-- for every spender, capped or not, so a cap set in mid-month counts what was already spent.

CREATE TABLE ai_budget_org_month (
  org_id       uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  month        date NOT NULL CHECK (month = date_trunc('month', month)::date),
  spent_eur    numeric(18, 8) NOT NULL DEFAULT 0 CHECK (spent_eur >= 0),
  reserved_eur numeric(18, 8) NOT NULL DEFAULT 0 CHECK (reserved_eur >= 0),
  PRIMARY KEY (org_id, month)
);

CREATE TABLE ai_budget_user_month (
  org_id       uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  month        date NOT NULL CHECK (month = date_trunc('month', month)::date),
  spent_eur    numeric(18, 8) NOT NULL DEFAULT 0 CHECK (spent_eur >= 0),
  reserved_eur numeric(18, 8) NOT NULL DEFAULT 0 CHECK (reserved_eur >= 0),
  PRIMARY KEY (org_id, user_id, month)
);

-- One reservation per call. status: open (the call runs), settled (actual_eur charged), released
-- (nothing charged: the call failed, or the stale-reservation job freed it); settled_at says when
-- it was closed either way.
-- user_id is NULL for the system context (a job's call), which only the organisation's row counts.
CREATE TABLE ai_budget_reservation (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  user_id    uuid REFERENCES app_user (id) ON DELETE SET NULL,
  month      date NOT NULL CHECK (month = date_trunc('month', month)::date),
  amount_eur numeric(18, 8) NOT NULL CHECK (amount_eur >= 0),
  status     text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settled', 'released')),
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  actual_eur numeric(18, 8) CHECK (actual_eur >= 0),
  CONSTRAINT ai_budget_reservation_closed CHECK (
    (status = 'open' AND settled_at IS NULL AND actual_eur IS NULL)
    OR (status = 'settled' AND settled_at IS NOT NULL AND actual_eur IS NOT NULL)
    OR (status = 'released' AND settled_at IS NOT NULL AND actual_eur IS NULL)
  )
);
-- The stale-reservation job's scan.
CREATE INDEX ai_budget_reservation_open_idx ON ai_budget_reservation (org_id, created_at)
  WHERE status = 'open';

ALTER TABLE ai_budget_org_month ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_budget_org_month FORCE ROW LEVEL SECURITY;
-- Every member sees the organisation's totals (the router tells them what remains); spenders move them.
CREATE POLICY ai_budget_org_month_read ON ai_budget_org_month FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY ai_budget_org_month_insert ON ai_budget_org_month FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_ai_spender());
CREATE POLICY ai_budget_org_month_update ON ai_budget_org_month FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_ai_spender())
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE ai_budget_user_month ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_budget_user_month FORCE ROW LEVEL SECURITY;
-- A user sees their own row, overseers everyone's (spend by user); only the user's own calls (or
-- the system, releasing stale reservations) move it.
CREATE POLICY ai_budget_user_month_read ON ai_budget_user_month FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND (user_id = app_current_user_id() OR app_ai_overseer()));
CREATE POLICY ai_budget_user_month_insert ON ai_budget_user_month FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND ((user_id = app_current_user_id() AND app_ai_spender()) OR app_has_role('system')));
CREATE POLICY ai_budget_user_month_update ON ai_budget_user_month FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND ((user_id = app_current_user_id() AND app_ai_spender()) OR app_has_role('system')))
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);

ALTER TABLE ai_budget_reservation ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_budget_reservation FORCE ROW LEVEL SECURITY;
CREATE POLICY ai_budget_reservation_read ON ai_budget_reservation FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND (user_id = app_current_user_id() OR app_ai_overseer()));
-- A member reserves for themselves; the system context (no user) for the organisation only.
CREATE POLICY ai_budget_reservation_insert ON ai_budget_reservation FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND ((user_id = app_current_user_id() AND app_ai_spender())
                   OR (user_id IS NULL AND app_has_role('system'))));
-- Settled or released by whoever reserved it, or by the system (stale reservations).
CREATE POLICY ai_budget_reservation_close ON ai_budget_reservation FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND (user_id = app_current_user_id() OR app_has_role('system')))
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);

GRANT SELECT, INSERT ON ai_budget_org_month, ai_budget_user_month, ai_budget_reservation TO freshplan_app;
GRANT UPDATE (spent_eur, reserved_eur) ON ai_budget_org_month, ai_budget_user_month TO freshplan_app;
GRANT UPDATE (status, settled_at, actual_eur) ON ai_budget_reservation TO freshplan_app;

-- Budget thresholds ---------------------------------------------------------------------------
-- When an organisation's spent + reserved reaches 80 % or 100 % of its cap, its admins get one
-- e-mail and one in-app notification, once per month and threshold: the outbox's unique
-- (org, recipient, channel, dedupe_key) with ON CONFLICT DO NOTHING makes concurrent crossings
-- queue it once. notification_outbox takes inserts from the system context only; this is the one
-- message a member's call may queue. It answers only for the caller's organisation and only for
-- the thresholds that organisation's month row really has reached of the cap the caller names (the
-- cap is a setting with a default in code, so the caller reads it). Returns the rows queued.
CREATE FUNCTION app_ai_budget_notify(p_month date, p_cap_eur numeric)
  RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_org       uuid := NULLIF(current_setting('app.org_id', true), '')::uuid;
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

REVOKE ALL ON FUNCTION app_ai_budget_notify(date, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_ai_budget_notify(date, numeric) TO freshplan_app;

-- Cache -----------------------------------------------------------------------------------------
-- Answers by key (sha-256 of the normalised use case, tier, model, input and schema version; see
-- lib/ai/cache.ts), per organisation: one organisation's inputs and answers never reach another.
CREATE TABLE ai_cache (
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  key        text NOT NULL CHECK (key ~ '^[0-9a-f]{64}$'),
  use_case   text NOT NULL CHECK (use_case ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'),
  model      text NOT NULL CHECK (length(model) BETWEEN 1 AND 200),
  output     jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, key),
  CHECK (expires_at > created_at)
);
CREATE INDEX ai_cache_expiry_idx ON ai_cache (org_id, expires_at);

ALTER TABLE ai_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_cache FORCE ROW LEVEL SECURITY;
CREATE POLICY ai_cache_read ON ai_cache FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY ai_cache_insert ON ai_cache FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_ai_spender());
CREATE POLICY ai_cache_update ON ai_cache FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_ai_spender())
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
-- Only expired entries are ever deleted (the purge); a fresh answer stays until it expires.
CREATE POLICY ai_cache_purge ON ai_cache FOR DELETE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND expires_at <= now());

GRANT SELECT, INSERT, DELETE ON ai_cache TO freshplan_app;
GRANT UPDATE (use_case, model, output, created_at, expires_at) ON ai_cache TO freshplan_app;

-- Calls -----------------------------------------------------------------------------------------
-- One row per routed call, whatever its outcome: the dashboards' only source. Insert-only for the
-- app. provider and model are NULL when no provider was reached (not configured, refused budget).
CREATE TABLE ai_call (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id            uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  user_id           uuid REFERENCES app_user (id) ON DELETE SET NULL,
  use_case          text NOT NULL CHECK (use_case ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'),
  provider          text CHECK (provider IN ('openai', 'anthropic')),
  model             text CHECK (length(model) BETWEEN 1 AND 200),
  tier              text NOT NULL CHECK (tier IN ('small', 'large')),
  escalated         boolean NOT NULL DEFAULT false,
  escalation_reason text CHECK (length(escalation_reason) <= 500),
  cache_hit         boolean NOT NULL DEFAULT false,
  tokens_in         integer NOT NULL DEFAULT 0 CHECK (tokens_in >= 0),
  tokens_out        integer NOT NULL DEFAULT 0 CHECK (tokens_out >= 0),
  cost_eur          numeric(18, 8) NOT NULL DEFAULT 0 CHECK (cost_eur >= 0),
  latency_ms        integer NOT NULL DEFAULT 0 CHECK (latency_ms >= 0),
  outcome           text NOT NULL CHECK (outcome IN ('ok', 'error', 'invalid_output', 'refused_budget',
                                                     'not_configured')),
  confidence        numeric(5, 4) CHECK (confidence BETWEEN 0 AND 1),
  error             text CHECK (length(error) <= 2000),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ai_call_org_time_idx ON ai_call (org_id, created_at);

ALTER TABLE ai_call ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_call FORCE ROW LEVEL SECURITY;
-- Overseers read the organisation's calls; everyone else only their own.
CREATE POLICY ai_call_read ON ai_call FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND (user_id = app_current_user_id() OR app_ai_overseer()));
-- A member logs their own calls, the system context its own (no user).
CREATE POLICY ai_call_insert ON ai_call FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND (user_id = app_current_user_id()
                   OR (user_id IS NULL AND app_has_role('system'))));

GRANT SELECT, INSERT ON ai_call TO freshplan_app;

-- migrate:down

DROP TABLE ai_call;
DROP TABLE ai_cache;
DROP FUNCTION app_ai_budget_notify(date, numeric);
DROP TABLE ai_budget_reservation, ai_budget_user_month, ai_budget_org_month;
DROP TABLE ai_model_price;
DROP FUNCTION app_ai_overseer();
DROP FUNCTION app_ai_spender();
