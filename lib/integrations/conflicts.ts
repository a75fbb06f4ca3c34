import { isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * What a unique violation on saving a connection means: its name is taken (a field error on
 * `name`), or another connection of its kind is enabled (`oneEnabled`, worded per kind). Null when
 * the error is not a unique violation.
 */
export function connectionConflict(
  error: unknown,
  oneEnabled: { message: string; code: string },
): AppError | null {
  if (!isUniqueViolation(error)) return null;
  if (JSON.stringify((error as { meta?: unknown }).meta ?? "").includes("name")) {
    return new AppError("conflict", "A connection with this name exists.", {
      fieldErrors: [{ path: "name", message: "already used", code: "integrations.fieldErrors.nameTaken" }],
    });
  }
  return new AppError("conflict", oneEnabled.message, { text: { code: oneEnabled.code } });
}
