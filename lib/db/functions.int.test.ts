import { describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";

// Who may execute the schema's functions, read from the catalogue, so a function added later is
// checked without anyone remembering to list it. PostgreSQL grants EXECUTE to PUBLIC unless told
// otherwise; here nobody executes anything by default, and the app role only what it calls.

describe("functions", () => {
  // SECURITY DEFINER functions run past row-level security: each the app role may call answers one
  // narrow question (see the migrations). Adding one here is a decision, not a formality.
  const DEFINER_FUNCTIONS_THE_APP_CALLS = [
    "app_ai_budget_notify(date,numeric)",
    "app_audit_heads()",
    "app_audit_chain_lengths()",
    "app_audit_sealed_page(bigint,integer)",
    "app_audit_verify()",
    "app_feedback_link_by_hash(bytea)",
    "app_idempotency_cleanup()",
    "app_is_collaborator(uuid,text[])",
    "app_is_own_registration(uuid,timestamp with time zone)",
    "app_is_protected_owner(uuid)",
    "app_job_org_ids()",
    "app_lead_duplicates(text,text,text)",
    "app_lead_protection_of(uuid,timestamp with time zone)",
    "app_lead_protection_summary()",
    "app_login_lookup(text)",
    "app_member_last_sign_in()",
    "app_org_id_by_slug(text)",
    "app_password_token_by_hash(bytea)",
    "app_rate_limit_cleanup(integer)",
    "app_rate_limit_hit(text,integer,integer)",
    "app_rate_limit_reset(text)",
    "app_refresh_lead_summary()",
    "app_session_account(uuid,uuid)",
    "app_session_memberships(uuid)",
    "app_session_start(uuid,text,integer)",
    "app_token_lookup(text)",
    "app_token_touch(uuid)",
    "app_user_id_by_email(text)",
    "app_webhook_connection(uuid,text)",
  ];

  const catalogue = () =>
    asSuperuser(
      async (client) =>
        (
          await client.query<{ fn: string; definer: boolean; publicCan: boolean; appCan: boolean }>(`
            SELECT p.oid::regprocedure::text AS fn, p.prosecdef AS definer,
                   has_function_privilege('public', p.oid, 'EXECUTE') AS "publicCan",
                   has_function_privilege('freshplan_app', p.oid, 'EXECUTE') AS "appCan"
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public'`)
        ).rows,
    );

  it("are executable by nobody by default (PUBLIC)", async () => {
    const functions = await catalogue();
    expect(functions.length).toBeGreaterThan(30);
    expect(functions.filter((f) => f.publicCan).map((f) => f.fn)).toEqual([]);
  });

  it("that run as their owner are executable by the app role only where it calls them", async () => {
    const granted = (await catalogue()).filter((f) => f.definer && f.appCan).map((f) => f.fn);
    expect(granted.sort()).toEqual([...DEFINER_FUNCTIONS_THE_APP_CALLS].sort());
  });
});
