import { AppError } from "@/lib/http/errors";

/** Parsed `--name value` options of one command line. */
export type Options = Record<string, string | undefined>;

/** One operator command. Each domain exports its commands from `lib/<domain>/cli.ts`. */
export interface Command {
  usage: string;
  options: string[];
  run(options: Options): Promise<void>;
}

export function required(options: Options, name: string): string {
  const value = options[name];
  if (!value) throw new AppError("bad_request", `--${name} is required`);
  return value;
}
