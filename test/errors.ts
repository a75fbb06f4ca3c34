/**
 * The PostgreSQL SQLSTATE behind an error, wherever the layers put it: Prisma with adapter-pg wraps
 * the driver's error as `meta.driverAdapterError.cause.originalCode`; pg's own errors carry `code`.
 */
export function postgresCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown): string | undefined => {
    if (!value || typeof value !== "object" || seen.has(value)) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    // A Prisma error's own `code` is Prisma's (P2039, …), not PostgreSQL's: look beneath it.
    const keys = "clientVersion" in record ? ["originalCode"] : ["originalCode", "code"];
    for (const key of keys) {
      const code = record[key];
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    }
    for (const key of ["cause", "meta", "driverAdapterError"]) {
      const found = visit(record[key]);
      if (found) return found;
    }
    return undefined;
  };
  return visit(error);
}

/** Awaits `promise`, expecting it to reject, and returns the rejection (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
