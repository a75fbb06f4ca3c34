-- A lead's protection (app_lead_protection_of) asks two helpers: the contract's settings
-- (app_lead_protection_config) and the paused time of its holds (app_lead_paused, twice). Both were
-- SECURITY DEFINER with their own `SET search_path`, and PostgreSQL applies and undoes such a
-- setting on every call: in the lead list (51 protections per page) those switches were a third of
-- the statement's time. The app role cannot execute either helper (see lib/db/functions.int.test.ts);
-- only SECURITY DEFINER functions with `search_path = public, pg_temp` call them, as the owner. So
-- they need neither: they run as their caller, with the caller's search_path, and answer the same.

-- migrate:up

ALTER FUNCTION app_lead_paused(uuid, timestamptz, timestamptz) SECURITY INVOKER RESET search_path;
ALTER FUNCTION app_lead_protection_config() SECURITY INVOKER RESET search_path;

-- migrate:down

ALTER FUNCTION app_lead_protection_config() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION app_lead_paused(uuid, timestamptz, timestamptz) SECURITY DEFINER SET search_path = public, pg_temp;
