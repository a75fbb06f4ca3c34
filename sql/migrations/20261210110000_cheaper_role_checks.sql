-- Row-level security pays its checks on every row a statement reads, before the statement's own
-- conditions (a policy is a security barrier): a help search over 10 000 articles evaluated the
-- member's roles 30 000 times. Two of those checks get cheaper, with the same answers:
-- - app_is_lead_manager() parsed `app.roles` three times (manager, admin, system); now once, as an
--   array overlap. Every policy that asks it (leads, help, mail, …) gains.
-- - app_help_may_read() asks the cheap question first: a published enduser article is readable by
--   every member, whatever their roles, so the roles are parsed only for the other rows.

-- migrate:up

CREATE OR REPLACE FUNCTION app_is_lead_manager() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT string_to_array(NULLIF(current_setting('app.roles', true), ''), ',')
           && ARRAY['manager', 'admin', 'system']
  $$;

CREATE OR REPLACE FUNCTION app_help_may_read(p_space text, p_status text) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT (p_space = 'enduser' AND p_status = 'PUBLISHED') OR public.app_is_lead_manager() $$;

-- migrate:down

CREATE OR REPLACE FUNCTION app_help_may_read(p_space text, p_status text) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT app_is_lead_manager() OR (p_space = 'enduser' AND p_status = 'PUBLISHED') $$;

CREATE OR REPLACE FUNCTION app_is_lead_manager() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT app_has_role('manager') OR app_has_role('admin') OR app_has_role('system') $$;
