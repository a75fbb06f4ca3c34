import { parseArgs } from "node:util";

import { ZodError } from "zod";

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

/**
 * Runs one command line (`["users:create", "--email", …]`): output on the console, errors as one
 * `error: …` line on stderr. Resolves to the exit code; never rejects.
 */
export async function runCommand(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error: unknown) {
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
  }
}

async function dispatch(argv: string[]): Promise<number> {
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
  return (await command.run(values as Options, positionals)) ?? 0;
}
