// The operators' command line: `npm run cli -- <command> [options]`. Every command goes through the
// same services as the app. Output for scripts: the last line of users:create is the password, of
// tokens:create the token. Errors go to stderr with a non-zero exit code.
import { parseArgs } from "node:util";

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
import { disconnect } from "@/lib/db";
import { AppError, isAppError } from "@/lib/http/errors";
import { checkHealth } from "@/lib/system/health";
import { ZodError } from "zod";

type Options = Record<string, string | undefined>;

interface Command {
  usage: string;
  options: string[];
  run(options: Options): Promise<void>;
}

function required(options: Options, name: string): string {
  const value = options[name];
  if (!value) throw new AppError("bad_request", `--${name} is required`);
  return value;
}

const commands: Record<string, Command> = {
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
  "db:status": {
    usage: "db:status",
    options: [],
    async run() {
      const health = await checkHealth();
      console.log(`database: ${health.database}`);
      console.log(`migrations applied: ${health.migrations.applied}`);
      console.log(`migrations pending: ${health.migrations.pending.join(", ") || "none"}`);
      if (health.status !== "ok") process.exitCode = 1;
    },
  },
};

function help(): string {
  return [
    "usage: npm run cli -- <command> [options]",
    "",
    ...Object.values(commands).map((c) => `  ${c.usage}`),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: Object.fromEntries(command.options.map((o) => [o, { type: "string" as const }])),
    strict: true,
  });
  await command.run(values as Options);
  return process.exitCode === undefined ? 0 : Number(process.exitCode);
}

main(process.argv.slice(2))
  .catch((error: unknown) => {
    if (isAppError(error)) console.error(`error: ${error.message}`);
    else if (error instanceof ZodError) {
      console.error(
        `error: ${error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`,
      );
    } else if (
      error instanceof TypeError &&
      "code" in error &&
      String(error.code).startsWith("ERR_PARSE_ARGS")
    ) {
      console.error(`error: ${error.message}\n\n${help()}`);
    } else console.error(error);
    return 1;
  })
  .then(async (code) => {
    await disconnect();
    process.exit(code);
  });
