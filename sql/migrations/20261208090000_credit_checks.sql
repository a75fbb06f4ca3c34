-- Credit checks through Allianz Trade (issue 13, lib/credit): per organisation one row per
-- company the provider knows (its CompanyId) holding the last answer read (grade, current
-- cover/limit, when the provider decided it and when we read it: the cache that credit.cache.ttl
-- ages), the link of a lead to its company, and the limit requests sent for a lead (asynchronous at
-- the provider: a jobId polled until processed).
--
-- Who reads and writes: credit data is for managers and admins (and the system context, which the
-- background refresh and the polling job run in): app_is_lead_manager(). Children pin their
-- organisation with composite keys.

-- migrate:up

CREATE TABLE credit_company (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  -- The provider's CompanyId (from its company search).
  company_id   text NOT NULL CHECK (length(company_id) BETWEEN 1 AND 100),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  city         text CHECK (length(city) <= 200),
  country      text CHECK (country ~ '^[A-Z]{2}$'),
  -- The last answer read (all NULL until the first read).
  grade        smallint CHECK (grade BETWEEN 1 AND 10),
  cover_status text CHECK (length(cover_status) BETWEEN 1 AND 50),
  limit_amount numeric(16, 2) CHECK (limit_amount >= 0),
  currency     text CHECK (currency ~ '^[A-Z]{3}$'),
  decided_at   timestamptz,
  fetched_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT credit_company_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT credit_company_company_key UNIQUE (org_id, company_id)
);

ALTER TABLE credit_company ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_company FORCE ROW LEVEL SECURITY;
CREATE POLICY credit_company_select ON credit_company FOR SELECT
  USING (org_id = app_current_org_id() AND app_is_lead_manager());
CREATE POLICY credit_company_insert ON credit_company FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager());
CREATE POLICY credit_company_update ON credit_company FOR UPDATE
  USING (org_id = app_current_org_id() AND app_is_lead_manager())
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager());

-- Which company a lead is: one per lead, set (and changed) by a manager or admin.
CREATE TABLE lead_credit (
  lead_id     uuid PRIMARY KEY,
  org_id      uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  company_ref uuid NOT NULL,
  linked_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
  linked_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT lead_credit_lead_fkey FOREIGN KEY (org_id, lead_id)
    REFERENCES lead (org_id, id) ON DELETE CASCADE,
  CONSTRAINT lead_credit_company_fkey FOREIGN KEY (org_id, company_ref)
    REFERENCES credit_company (org_id, id) ON DELETE CASCADE
);
CREATE INDEX lead_credit_company_idx ON lead_credit (org_id, company_ref);

ALTER TABLE lead_credit ENABLE ROW LEVEL SECURITY;
ALTER TABLE lead_credit FORCE ROW LEVEL SECURITY;
CREATE POLICY lead_credit_select ON lead_credit FOR SELECT
  USING (org_id = app_current_org_id() AND app_is_lead_manager());
-- Linked by the member who does it, as themselves.
CREATE POLICY lead_credit_insert ON lead_credit FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager() AND linked_by = app_current_user_id());
CREATE POLICY lead_credit_update ON lead_credit FOR UPDATE
  USING (org_id = app_current_org_id() AND app_is_lead_manager())
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager() AND linked_by = app_current_user_id());

-- A limit (cover) request for a lead's company: born PENDING with the provider's jobId, polled by
-- the job credit-limit-poll until the provider has processed it (or it fails).
CREATE TABLE credit_limit_request (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id         uuid NOT NULL,
  company_ref     uuid NOT NULL,
  amount          numeric(16, 2) NOT NULL CHECK (amount > 0),
  currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  provider_job_id text NOT NULL CHECK (length(provider_job_id) BETWEEN 1 AND 200),
  state           text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'PROCESSED', 'FAILED')),
  cover_status    text CHECK (length(cover_status) BETWEEN 1 AND 50),
  granted_amount  numeric(16, 2) CHECK (granted_amount >= 0),
  error           text CHECK (length(error) <= 500),
  polls           integer NOT NULL DEFAULT 0 CHECK (polls >= 0),
  requested_by    uuid REFERENCES app_user (id) ON DELETE SET NULL,
  requested_at    timestamptz NOT NULL DEFAULT now(),
  polled_at       timestamptz,
  decided_at      timestamptz,
  CONSTRAINT credit_limit_request_decided CHECK ((state = 'PENDING') = (decided_at IS NULL)),
  CONSTRAINT credit_limit_request_lead_fkey FOREIGN KEY (org_id, lead_id)
    REFERENCES lead (org_id, id) ON DELETE CASCADE,
  CONSTRAINT credit_limit_request_company_fkey FOREIGN KEY (org_id, company_ref)
    REFERENCES credit_company (org_id, id) ON DELETE CASCADE
);
-- One open request per lead at a time.
CREATE UNIQUE INDEX credit_limit_request_pending_key ON credit_limit_request (org_id, lead_id)
  WHERE state = 'PENDING';
CREATE INDEX credit_limit_request_lead_idx ON credit_limit_request (org_id, lead_id, requested_at DESC);

ALTER TABLE credit_limit_request ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_limit_request FORCE ROW LEVEL SECURITY;
CREATE POLICY credit_limit_request_select ON credit_limit_request FOR SELECT
  USING (org_id = app_current_org_id() AND app_is_lead_manager());
-- Born pending, by the member who asks, as themselves.
CREATE POLICY credit_limit_request_insert ON credit_limit_request FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager() AND state = 'PENDING'
              AND decided_at IS NULL AND requested_by = app_current_user_id());
-- Only the polling job (system) records the provider's progress and decision.
CREATE POLICY credit_limit_request_update_system ON credit_limit_request FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('system') AND state = 'PENDING')
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system'));

GRANT SELECT, INSERT ON credit_company, lead_credit, credit_limit_request TO freshplan_app;
GRANT UPDATE (name, city, country, grade, cover_status, limit_amount, currency, decided_at, fetched_at)
  ON credit_company TO freshplan_app;
GRANT UPDATE (company_ref, linked_by, linked_at) ON lead_credit TO freshplan_app;
GRANT UPDATE (state, cover_status, granted_amount, error, polls, polled_at, decided_at)
  ON credit_limit_request TO freshplan_app;

-- migrate:down

DROP TABLE credit_limit_request;
DROP TABLE lead_credit;
DROP TABLE credit_company;
