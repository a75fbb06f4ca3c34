import "server-only";

import { dataExceptionOf } from "@/lib/db";

import { AppError, type FieldError } from "@/lib/errors";

/**
 * A value PostgreSQL refused (a data exception, SQLSTATE class 22) as the caller's mistake: a 400
 * naming the fields it can tell from the input, not a 500. The input schemas are meant to refuse
 * such values first (lib/db/columns.ts); this is the net beneath them. Any other error is returned
 * as it is.
 */
export function asInvalidInput(error: unknown, input: unknown): unknown {
  const refused = dataExceptionOf(error);
  if (!refused) return error;
  const offending = offendingPaths(refused.message, input);
  return new AppError("bad_request", "A value cannot be stored as given.", {
    text: { code: "errors.unstorable" },
    fieldErrors: offending.map((path) => ({
      path,
      message: "This value cannot be stored.",
      code: "errors.unstorableValue",
    })) satisfies FieldError[],
  });
}

/** How PostgreSQL quotes the value it refused. */
const QUOTED_VALUE = [/: "(.*)"$/, /^value "(.*)" is out of range/];

/**
 * Where in the input the refused value sits: the one PostgreSQL quotes (`… for type uuid: "x"`,
 * `value "1099511627776" is out of range …`), else any text it cannot hold (NUL, half a surrogate
 * pair). None when the message tells nothing (`numeric field overflow`).
 */
function offendingPaths(message: string, input: unknown): string[] {
  const quoted = QUOTED_VALUE.map((pattern) => pattern.exec(message)?.[1]).find((v) => v !== undefined);
  return leaves(input)
    .filter(([, value]) =>
      quoted !== undefined
        ? String(value) === quoted
        : typeof value === "string" && (value.includes("\u0000") || !value.isWellFormed()),
    )
    .map(([path]) => path);
}

/** Every scalar of a parsed input with its dotted path (`contact.email`). */
function leaves(value: unknown, path: string[] = []): [string, unknown][] {
  if (value === null || typeof value !== "object" || value instanceof Date) return [[path.join("."), value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]));
}
