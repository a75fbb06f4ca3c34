import { ZEmail } from "@/lib/auth/schemas";
import { findOrgIdBySlug, findUserIdByEmail } from "@/lib/auth/service";
import { argument, type Command, type Options } from "@/lib/cli/command";
import { withOrg, type OrgContext } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { isMember } from "./queries";
import type { TSettingScope } from "./schemas";
import { clearSetting, getEffective, setSetting } from "./service";

/**
 * Operators' settings commands. The options choose the scope: none → global, --org → that
 * organisation, --org and --user → that member. Operators act with the roles admin and
 * platform_admin inside the organisation they name, through the same service as the settings page
 * (same validation, ABAC, RLS and audit); the audit event records the actor as system "cli".
 *
 * Global values have no organisation, but every transaction needs one for RLS and the audit chain.
 * Rather than a SECURITY DEFINER back door, the CLI works in the platform organisation
 * (PLATFORM_ORG_SLUG), the same place where the app makes admins platform admins: a global change
 * is audited in that organisation's chain, whether made on the page or here. Without
 * PLATFORM_ORG_SLUG nobody can change global values, so the CLI says so and stops.
 *
 * For a user's value the CLI acts on that member's behalf (the context's user is the member), since
 * only a user may write their own values (ABAC isSelf, and the RLS policy on app_current_user_id()).
 */

const OPERATOR_ROLES = ["admin", "platform_admin"];
const OPTIONS = ["org", "user"];
const SCOPE_USAGE = "[--org SLUG] [--user EMAIL]";

interface Target {
  ctx: OrgContext;
  scope: TSettingScope;
  /** For messages: "global", "org acme", "user a@example.com in acme". */
  label: string;
}

async function target(o: Options): Promise<Target> {
  if (o.user && !o.org) {
    throw new AppError("bad_request", "--user needs --org: a user's values belong to one organisation");
  }
  const slug = o.org ?? env().PLATFORM_ORG_SLUG;
  if (!slug) {
    throw new AppError(
      "bad_request",
      "global settings are handled in the platform organisation: set PLATFORM_ORG_SLUG, or name an organisation with --org",
    );
  }
  const orgId = await findOrgIdBySlug(slug);
  if (!orgId) {
    const hint = o.org ? "" : " (PLATFORM_ORG_SLUG)";
    throw new AppError("not_found", `No organisation with slug "${slug}"${hint}.`);
  }

  const operator = {
    orgId,
    userId: null,
    roles: OPERATOR_ROLES,
    actor: { type: "system" as const, id: "cli" },
  };
  if (!o.user) {
    return o.org
      ? { ctx: operator, scope: "org", label: `org ${slug}` }
      : { ctx: operator, scope: "global", label: "global" };
  }
  const email = ZEmail.parse(o.user);
  const userId = await findUserIdByEmail(email);
  if (!userId || !(await withOrg(operator, (tx) => isMember(tx, orgId, userId)))) {
    throw new AppError("not_found", `${email} is not a member of "${slug}".`);
  }
  return { ctx: { ...operator, userId }, scope: "user", label: `user ${email} in ${slug}` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError(
      "bad_request",
      `<json> is not JSON (${(error as Error).message}); write strings in quotes, e.g. '"PT8H"', lists as '["EMAIL"]'`,
    );
  }
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

export const settingsCommands: Record<string, Command> = {
  "settings:get": {
    usage: `settings:get <key> ${SCOPE_USAGE}   # the effective value and its sources, as JSON`,
    options: OPTIONS,
    positionals: ["key"],
    async run(o, args) {
      const { ctx } = await target(o);
      print(await getEffective(argument(args, 0, "key"), ctx));
    },
  },
  "settings:set": {
    usage: `settings:set <key> <json> ${SCOPE_USAGE}   # no --org: global; --org: org; --org --user: user`,
    options: OPTIONS,
    positionals: ["key", "json"],
    async run(o, args) {
      const key = argument(args, 0, "key");
      const value = parseJson(argument(args, 1, "json"));
      const { ctx, scope, label } = await target(o);
      const effective = await setSetting(ctx, { key, scope, value });
      console.log(`set ${key} (${label}) to ${JSON.stringify(value)}; effective now:`);
      print(effective);
    },
  },
  "settings:clear": {
    usage: `settings:clear <key> ${SCOPE_USAGE}   # remove a stored value; the wider scope applies again`,
    options: OPTIONS,
    positionals: ["key"],
    async run(o, args) {
      const key = argument(args, 0, "key");
      const { ctx, scope, label } = await target(o);
      const { cleared, effective } = await clearSetting(ctx, { key, scope });
      console.log(cleared ? `cleared ${key} (${label}); effective now:` : `${key} had no value (${label}):`);
      print(effective);
    },
  },
};
