import "server-only";

import { createHash } from "node:crypto";

import { PrismaPg } from "@prisma/adapter-pg";

import { env } from "@/lib/env";

import { Prisma, PrismaClient } from "./generated/client";

export { Prisma };
export type Tx = Prisma.TransactionClient;

/**
 * Who a transaction works for. `orgId` null means "no organisation": policies then yield no rows,
 * and only the SECURITY DEFINER look-ups (sign-in, token check) can answer.
 */
export interface DbContext {
  orgId: string | null;
  userId: string | null;
  roles: readonly string[];
  /** Who acts and from where, for the audit trail. Without it the actor is the user, or the system. */
  actor?: { type: "user" | "token" | "system" | "feedback_link"; id: string | null };
  requestId?: string;
  ip?: string;
}

/** The role every transaction switches to; created by the first migration. */
const APP_ROLE = "freshplan_app";

const globalForDb = globalThis as unknown as { freshplanPrisma?: PrismaClient };

/** Statement texts named so far, with their names; beyond the limit new texts run unnamed. */
const statementNames = new Map<string, string>();
const NAMED_STATEMENTS_MAX = 500;

/**
 * The name a statement is prepared under on each connection: the same text, the same name, so
 * PostgreSQL parses and plans it once per connection instead of on every call (planning the lead
 * access statement took longer than running it). Bounded, since every named statement stays
 * prepared on its connection until the connection closes: texts built with a varying number of
 * parameters must not fill the server's memory. "" is pg's unnamed statement, as without names.
 */
function preparedStatementName({ sql }: { sql: string }): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= NAMED_STATEMENTS_MAX) return "";
    name = `fp_${createHash("sha1").update(sql).digest("hex")}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** The one Prisma client of this process, on DATABASE_URL. */
export function db(): PrismaClient {
  if (!globalForDb.freshplanPrisma) {
    const { DATABASE_URL, DATABASE_POOL_MAX, DATABASE_IDLE_TIMEOUT_MS, DATABASE_PREPARED_STATEMENTS } = env();
    const adapter = new PrismaPg(
      {
        connectionString: DATABASE_URL,
        max: DATABASE_POOL_MAX,
        idleTimeoutMillis: DATABASE_IDLE_TIMEOUT_MS,
      },
      DATABASE_PREPARED_STATEMENTS ? { statementNameGenerator: preparedStatementName } : {},
    );
    globalForDb.freshplanPrisma = new PrismaClient({ adapter });
  }
  return globalForDb.freshplanPrisma;
}

/**
 * Runs `work` in one interactive transaction as the app role, with the request context set for
 * row-level security. The role switch comes first, so the policies apply even when the login role
 * is a superuser (PGlite, a local PostgreSQL) — to the statements of this codebase, which never
 * switch role back; against code that would, only a login role like README's `freshplan_web`
 * protects. `set_config(…, true)` keeps every setting local to this transaction, so nothing leaks
 * to the next user of the pooled connection. The session time zone is UTC, as the lead-protection
 * rules and the driver's timestamp parsing both assume. JIT is off: the app's statements are short,
 * and one whose cost the planner overestimated spent 750 ms compiling for a 2 s scan.
 */
export async function withContext<T>(ctx: DbContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return contextIn(db(), ctx, work);
}

function contextIn<T>(client: PrismaClient, ctx: DbContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('role', ${APP_ROLE}, true),
                                  set_config('timezone', 'UTC', true),
                                  set_config('jit', 'off', true),
                                  set_config('app.org_id', ${ctx.orgId ?? ""}, true),
                                  set_config('app.user_id', ${ctx.userId ?? ""}, true),
                                  set_config('app.roles', ${ctx.roles.join(",")}, true)`;
      return work(tx);
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

/** `withContext`'s shape, for code that may also run on another database than DATABASE_URL. */
export type WithContext = <T>(ctx: DbContext, work: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * A short-lived client on another database of the same server (the restore drill's scratch copy,
 * lib/system/drill.ts), whose transactions switch to the app role and context exactly as
 * `withContext` does. The caller closes it.
 */
export function openDatabase(url: string): { withContext: WithContext; close(): Promise<void> } {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
  return {
    withContext: (ctx, work) => contextIn(client, ctx, work),
    close: () => client.$disconnect(),
  };
}

/** An organisation's transaction: `withContext` with the organisation required. */
export function withOrg<T>(ctx: DbContext & { orgId: string }, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withContext(ctx, work);
}

/** A transaction with no organisation, for the narrow cross-organisation look-up functions. */
export function withoutOrg<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return withContext({ orgId: null, userId: null, roles: [] }, work);
}

/** Closes the pool (CLI and tests, so the process can exit). */
export async function disconnect(): Promise<void> {
  await globalForDb.freshplanPrisma?.$disconnect();
  globalForDb.freshplanPrisma = undefined;
}

/** True when a Prisma error is PostgreSQL's unique violation (23505), optionally on a constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * PostgreSQL's data exception behind a Prisma error (SQLSTATE class 22: a value that a column, a
 * cast or jsonb refuses, such as a NUL byte or a number beyond a numeric's precision), or null. With
 * the pg adapter, Prisma carries the server's code as `meta.driverAdapterError.cause.originalCode`
 * (P2010 for raw queries, P2020 or P2039 for model queries).
 */
export function dataExceptionOf(error: unknown): { sqlstate: string; message: string } | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const { cause } = (error.meta?.driverAdapterError ?? {}) as {
    cause?: { originalCode?: unknown; originalMessage?: unknown };
  };
  const sqlstate = cause?.originalCode;
  if (typeof sqlstate !== "string" || !sqlstate.startsWith("22")) return null;
  return { sqlstate, message: String(cause?.originalMessage ?? "") };
}
export * from "./context";
