// The operators' command line: `npm run cli -- <command> [options]`. Every command goes through the
// same services as the app; each domain contributes its commands from lib/<domain>/cli.ts. Output
// for scripts: the last line of users:create is the password, of tokens:create the token. Errors go
// to stderr with a non-zero exit code.
import { parseArgs } from "node:util";

import { ZodError } from "zod";

import { disconnect } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";

import type { Options } from "./command";
import { allCommands, commandNamed } from "./domains";

async function help(): Promise<string> {
  return [
    "usage: npm run cli -- <command> [options]",
    "",
    ...Object.values(await allCommands()).map((c) => `  ${c.usage}`),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log(await help());
    return name ? 0 : 2;
  }
  const command = await commandNamed(name);
  if (!command) {
    console.error(`unknown command "${name}"\n\n${await help()}`);
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
  .catch(async (error: unknown) => {
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
      console.error(`error: ${error.message}\n\n${await help()}`);
    } else console.error(error);
    return 1;
  })
  .then(async (code) => {
    await disconnect();
    process.exit(code);
  });
