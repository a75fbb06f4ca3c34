-- PostgreSQL lets PUBLIC execute every new function unless told otherwise, and the app role could
-- call some SECURITY DEFINER helpers it never needs: app_lead_paused() summed any lead's holds by
-- id, past row-level security. Now nobody executes a function of this schema by default; the app
-- role gets exactly what it calls itself (the narrow look-ups) and what runs with its rights on
-- its behalf: the policies' checks, the view's computation and the lead's generated columns
-- (PostgreSQL checks EXECUTE there too). Everything else runs only inside SECURITY DEFINER
-- functions, as their owner, and triggers fire without an EXECUTE check.
--
-- The default privileges make this hold for functions that later migrations create (as the same
-- migration role): grant freshplan_app what it calls, explicitly.

-- migrate:up

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- Called under the app role by policies, the security_invoker view and generated columns.
GRANT EXECUTE ON FUNCTION app_current_user_id(), app_has_role(text), app_now(), app_name_key(text),
  app_is_lead_manager(), app_can_read_lead(uuid), app_can_write_lead(uuid), app_can_log_activity(uuid),
  app_ai_spender(), app_ai_overseer() TO freshplan_app;

-- Only ever called inside the protection computation, which runs as its owner.
REVOKE EXECUTE ON FUNCTION app_lead_protection_config(), app_lead_paused(uuid, timestamptz, timestamptz),
  app_lead_expiry_of(uuid, timestamptz) FROM freshplan_app;

-- migrate:down

GRANT EXECUTE ON FUNCTION app_lead_protection_config(), app_lead_paused(uuid, timestamptz, timestamptz),
  app_lead_expiry_of(uuid, timestamptz) TO freshplan_app;
REVOKE EXECUTE ON FUNCTION app_current_user_id(), app_has_role(text), app_now(), app_name_key(text),
  app_is_lead_manager(), app_can_read_lead(uuid), app_can_write_lead(uuid), app_can_log_activity(uuid),
  app_ai_spender(), app_ai_overseer() FROM freshplan_app;
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
-- What PUBLIC could execute before: every function the earlier migrations did not revoke.
GRANT EXECUTE ON FUNCTION app_current_user_id(), app_has_role(text), app_audit_genesis(),
  app_audit_hash(audit_event), app_audit_link(), app_audit_refuse_change(), app_now(), app_name_key(text),
  app_days(numeric), app_is_lead_manager(), app_can_read_lead(uuid), app_can_write_lead(uuid),
  app_can_log_activity(uuid), app_trigram_similarity(text, text), app_lead_expiry_trigger(),
  app_lead_expiry_settings_trigger(), app_clock_moment(timestamptz, timestamptz, tstzmultirange),
  app_lead_assignment_created_at(), app_lead_created_at_sync(), app_ai_spender(), app_ai_overseer()
  TO PUBLIC;
