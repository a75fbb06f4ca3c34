import { AppError } from "@/lib/errors";

/** Parsed `--name value` options of one command line. */
export type Options = Record<string, string | undefined>;

/** One operator command. Each domain exports its commands from `lib/<domain>/cli.ts`. */
export interface Command {
  usage: string;
  options: string[];
  /** Names of the positional arguments, in order (`settings:get <key>`). Without it, none are taken. */
  positionals?: string[];
  /** Resolves to the exit code when it is not 0 (a check that found something broken). */
  run(options: Options, args: string[]): Promise<number | void>;
}

/** The positional argument at `index`, named `name` in the error when it is missing. */
export function argument(args: string[], index: number, name: string): string {
  const value = args[index];
  if (value === undefined || value === "") throw new AppError("bad_request", `<${name}> is required`);
  return value;
}

export function required(options: Options, name: string): string {
  const value = options[name];
  if (!value) throw new AppError("bad_request", `--${name} is required`);
  return value;
}
