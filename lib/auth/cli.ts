import { loadAccount } from "@/lib/auth/account";
import { ZEmail } from "@/lib/auth/schemas";
import {
  addMember,
  createOrganization,
  findUserIdByEmail,
  resetPassword,
  setUserActive,
} from "@/lib/auth/service";
import { createToken } from "@/lib/auth/tokens";
import { required, type Command } from "@/lib/cli/command";
import { AppError } from "@/lib/errors";

export const authCommands: Record<string, Command> = {
  "orgs:create": {
    usage: "orgs:create --name NAME --slug SLUG",
    options: ["name", "slug"],
    async run(o) {
      const org = await createOrganization({ name: required(o, "name"), slug: required(o, "slug") });
      console.log(`created organisation ${org.slug} (${org.id})`);
    },
  },
  "users:create": {
    usage:
      "users:create --email EMAIL --name NAME --org SLUG --role admin|manager|sales|auditor [--locale de|en]",
    options: ["email", "name", "org", "role", "locale"],
    async run(o) {
      const created = await addMember({
        email: required(o, "email"),
        name: required(o, "name"),
        orgSlug: required(o, "org"),
        role: required(o, "role") as never,
        locale: (o.locale ?? "de") as never,
      });
      if (created.password) {
        console.log(`created user ${o.email} as ${o.role} of ${o.org}; password:`);
        console.log(created.password);
      } else {
        console.log(`added existing user ${o.email} to ${o.org} as ${o.role} (password unchanged)`);
      }
    },
  },
  "users:reset-password": {
    usage: "users:reset-password --email EMAIL --org SLUG",
    options: ["email", "org"],
    async run(o) {
      const password = await resetPassword(required(o, "org"), required(o, "email"));
      console.log(`new password for ${o.email}:`);
      console.log(password);
    },
  },
  "users:deactivate": {
    usage: "users:deactivate --email EMAIL --org SLUG",
    options: ["email", "org"],
    async run(o) {
      await setUserActive(required(o, "org"), required(o, "email"), false);
      console.log(`deactivated ${o.email}`);
    },
  },
  "users:activate": {
    usage: "users:activate --email EMAIL --org SLUG",
    options: ["email", "org"],
    async run(o) {
      await setUserActive(required(o, "org"), required(o, "email"), true);
      console.log(`activated ${o.email}`);
    },
  },
  "tokens:create": {
    usage: "tokens:create --email EMAIL --name NAME [--org SLUG] [--days N|never]",
    options: ["email", "name", "org", "days"],
    async run(o) {
      const email = ZEmail.parse(required(o, "email"));
      const userId = await findUserIdByEmail(email);
      const account = userId ? await loadAccount(userId) : null;
      if (!account) throw new AppError("not_found", `No active user ${email}.`);
      const memberships = o.org ? account.memberships.filter((m) => m.slug === o.org) : account.memberships;
      if (memberships.length === 0)
        throw new AppError("not_found", `${email} is not a member of "${o.org}".`);
      if (memberships.length > 1) {
        throw new AppError(
          "bad_request",
          `${email} belongs to several organisations; choose one with --org.`,
        );
      }
      const [m] = memberships;
      const { token, summary } = await createToken(
        { orgId: m.orgId, userId: account.id, roles: [m.role] },
        { name: required(o, "name"), expiresInDays: o.days === "never" ? null : Number(o.days ?? 90) },
      );
      console.log(
        `created token "${summary.name}" for ${email} in ${m.slug}, expires ${summary.expiresAt?.toISOString() ?? "never"}:`,
      );
      console.log(token);
    },
  },
};
