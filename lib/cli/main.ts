// The operators' command line: `npm run cli -- <command> [options]`. Every command goes through the
// same services as the app; each domain contributes its commands from lib/<domain>/cli.ts. Output
// for scripts: the last line of users:create is the password, of tokens:create the token. Errors go
// to stderr with a non-zero exit code.
import { parseArgs } from "node:util";

import { ZodError } from "zod";

import { auditCommands } from "@/lib/audit/cli";
import { authCommands } from "@/lib/auth/cli";
import { disconnect } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { integrationsCommands } from "@/lib/integrations/cli";
import { jobsCommands } from "@/lib/jobs/cli";
import { settingsCommands } from "@/lib/settings/cli";
import { systemCommands } from "@/lib/system/cli";

import type { Command, Options } from "./command";

const commands: Record<string, Command> = {
  ...authCommands,
  ...auditCommands,
  ...settingsCommands,
  ...jobsCommands,
  ...systemCommands,
  ...integrationsCommands,
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
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: Object.fromEntries(command.options.map((o) => [o, { type: "string" as const }])),
    strict: true,
    allowPositionals: Boolean(command.positionals?.length),
  });
  if (positionals.length > (command.positionals?.length ?? 0)) {
    throw new AppError("bad_request", `unexpected argument "${positionals.at(-1)}"; usage: ${command.usage}`);
  }
  await command.run(values as Options, positionals);
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
