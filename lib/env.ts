import { availableParallelism } from "node:os";

import { z } from "zod";

/** The pool size when DATABASE_POOL_MAX is unset: 2 × CPU cores, at least 4. */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(4, 2 * cores);
}

/** A secret of at least 32 bytes (UTF-8), as HMAC-SHA-256 wants its key. */
function auditKey(name: string) {
  return z
    .string()
    .refine((key) => new TextEncoder().encode(key).length >= 32, `${name} must be at least 32 bytes`);
}

/** 32 bytes, base64: an AES-256 key. */
function integrationsKey(name: string) {
  return z
    .string()
    .refine(
      (key) => /^[A-Za-z0-9+/]+={0,2}$/.test(key) && Buffer.from(key, "base64").length === 32,
      `${name} must be 32 bytes, base64 (openssl rand -base64 32)`,
    );
}

/** A comma-separated list (retired keys after a rotation), each entry checked by `item`. */
function commaList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
}

/**
 * The only place that reads process.env (an ESLint rule enforces it). Parsed lazily on first use,
 * so scripts and tests can set variables before anything asks, and validated with zod so a missing
 * or malformed value fails loudly with its name instead of deep inside a library.
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /**
   * Connections in the pool: by default twice the CPU cores, at least 4 (a request holds one while
   * PostgreSQL, on the same machine or not, works). The embedded PGlite serves one session, so its
   * launcher sets 1.
   */
  DATABASE_POOL_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(() => defaultPoolSize()),
  /** How long an idle pooled connection stays open. */
  DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Named (prepared, planned once per connection) statements; off behind poolers without them. */
  DATABASE_PREPARED_STATEMENTS: z
    .enum(["on", "off"])
    .default("on")
    .transform((v) => v === "on"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  /** Optional single sign-on through any OpenID Connect provider (Keycloak, Entra ID, …). */
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_NAME: z.string().min(1).default("Single Sign-On"),
  /**
   * The audit chain's key (lib/audit/seal.ts): every audit event is sealed with HMAC-SHA-256 under
   * it, so whoever owns the tables cannot rewrite history unnoticed. Never stored in the database.
   */
  AUDIT_CHAIN_KEY: auditKey("AUDIT_CHAIN_KEY"),
  /** Keys used before a rotation, comma-separated: events they sealed still verify. */
  AUDIT_CHAIN_KEY_PREVIOUS: commaList(auditKey("AUDIT_CHAIN_KEY_PREVIOUS")).optional(),
  /** Where the daily job appends each chain's head (JSON lines), for audit:verify to check later. */
  AUDIT_HEADS_FILE: z.string().min(1).default(".data/audit-heads.jsonl"),
  /**
   * Redis for the rate limits (lib/http/rate-limit.ts): every instance on it shares the counts.
   * Unset, request limits count in each instance's memory and sign-in limits in PostgreSQL.
   */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Prepended to every key the app writes to Redis, so several installations can share one. */
  REDIS_KEY_PREFIX: z.string().default("freshplan:"),
  /** Requests per window before sign-in answers 429. */
  LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Sign-in attempts on one account from every client in a window before each further one waits. */
  LOGIN_SLOWDOWN_AFTER: z.coerce.number().int().min(1).default(20),
  /** The longest a slowed sign-in attempt waits. */
  LOGIN_SLOWDOWN_MAX_MS: z.coerce.number().int().min(0).default(8000),
  /** /api/v1 requests per minute, per client IP and per caller (token or user), before 429. */
  API_RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  API_RATE_LIMIT_PER_CALLER_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Requests per minute and client IP on public routes (sign-in, API document, feedback portal). */
  PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /**
   * Reverse proxies (load balancer, nginx, CDN) between the clients and this app whose
   * X-Forwarded-For, -Proto and -Host entries are believed. 0: clients connect directly, the socket
   * address is the client's and forwarded headers are the client's own claims (lib/http/client-ip.ts).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Set to 1 by Vercel in its deployments: the client address is then Vercel's own header. */
  VERCEL: z.stringbool().optional(),
  /**
   * The app's public origin (https://admin.example.com), for links that leave the app: the
   * customer's feedback link in an invitation e-mail. Unset: such links are paths (/feedback/…).
   */
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The operator's organisation: its admins may change installation-wide (global) settings. */
  PLATFORM_ORG_SLUG: z.string().min(1).optional(),
  /**
   * When set, /api/metrics wants `Authorization: Bearer <METRICS_TOKEN>`; unset, a production
   * instance refuses every scrape and any other answers only loopback clients.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Where backup:create and the nightly backup job write their dumps (lib/system/backup.ts). */
  BACKUP_DIR: z.string().min(1).default(".data/backups"),
  /**
   * The connection pg_dump and the restore drill use; unset, DATABASE_URL. It must read every row
   * past row-level security (a superuser or a BYPASSRLS role) and, for drills, may CREATE DATABASE.
   */
  BACKUP_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /**
   * Inngest runs the scheduled jobs when configured: a signing key (Inngest Cloud, or a self-hosted
   * server at INNGEST_BASE_URL), or INNGEST_DEV=1 for a dev server. Otherwise /api/inngest answers
   * 503 and the local scheduler runs the same jobs (see inngestConfig below).
   */
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY_FALLBACK: z.string().min(1).optional(),
  /** Only needed to send events to Inngest (jobs triggered by an event). */
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  INNGEST_DEV: z.stringbool().optional(),
  /** `off`: no local scheduler even without Inngest (e.g. the jobs run elsewhere). */
  LOCAL_SCHEDULER: z.enum(["on", "off"]).default("on"),
  /**
   * AI providers. Each is optional: without a key the provider is "not configured" and the router
   * uses the other; with neither, AI features say so. A base URL points a provider at any
   * compatible endpoint (Azure OpenAI, Ollama or vLLM for OpenAI; a proxy for Anthropic).
   */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENAI_MODEL_SMALL: z.string().min(1).default("gpt-4o-mini"),
  OPENAI_MODEL_LARGE: z.string().min(1).default("gpt-4o"),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  ANTHROPIC_MODEL_SMALL: z.string().min(1).default("claude-haiku-4-5"),
  ANTHROPIC_MODEL_LARGE: z.string().min(1).default("claude-sonnet-4-5"),
  /** One provider call's time limit; a timeout counts as a failure and fails over. */
  AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /**
   * The key that encrypts integration secrets at rest (lib/integrations/crypto.ts): 32 random bytes,
   * base64 (`openssl rand -base64 32`). Unset: connections that need a secret cannot be saved.
   */
  INTEGRATIONS_KEY: integrationsKey("INTEGRATIONS_KEY").optional(),
  /** Keys used before a rotation, comma-separated, until integrations:rotate-key has run. */
  INTEGRATIONS_KEY_PREVIOUS: commaList(integrationsKey("INTEGRATIONS_KEY_PREVIOUS")).optional(),
  /**
   * The installation's own mail server, for organisations without a mail connection of their own:
   * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`. Unset, and
   * without a connection, e-mails stay queued and the Integrations page says "not configured".
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of mail sent through SMTP_URL, e.g. `FreshPlan <noreply@example.com>`. */
  MAIL_FROM: z.string().min(3).optional(),
  /**
   * The inbox watcher (lib/integrations/mail/idle.ts): an IMAP connection in IDLE per organisation
   * whose mail connection names an IMAP host, so mail becomes a suggestion within seconds. Unset:
   * on in a production server, off on Vercel (VERCEL set), in development and in tests. The job
   * mail-inbox-poll reads every five minutes either way.
   */
  MAIL_IDLE: z.enum(["on", "off"]).optional(),
  /**
   * all-inkl's KAS API: the folder of KasAuth.php and KasApi.php. The default is all-inkl's own;
   * tests point it at a local fake.
   */
  KAS_API_URL: z.url({ protocol: /^https?$/ }).default("https://kasapi.kasserver.com/soap"),
  /**
   * The demo (`npm run demo`, prisma/seed.ts): one password for every demo login, for a workshop
   * (otherwise each start sets new random ones). At least 12 characters, like any password.
   */
  DEMO_PASSWORD: z.string().min(12, "DEMO_PASSWORD must be at least 12 characters").optional(),
  /** Lets the demo seed run where it refuses by default: NODE_ENV=production, or other organisations. */
  DEMO_ALLOW: z.stringbool().default(false),
  /** Set by Next.js; `phase-production-build` while `next build` runs. */
  NEXT_PHASE: z.string().optional(),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Validates variables; an empty one counts as unset (`ANTHROPIC_API_KEY=` copied from an example
 * file means "no key", not "a key of no characters"). Throws naming every bad variable.
 *
 * Own properties only, in and out: the variables are copied into a null-prototype object before zod
 * reads them, and the result is one too, so an unset optional variable is undefined even if
 * something polluted Object.prototype (issue #9: `PLATFORM_ORG_SLUG` would have been read from it).
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const set: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(source))
    if (value !== undefined && value !== "") set[name] = value;
  const parsed = ZEnv.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return Object.assign(Object.create(null) as Env, parsed.data);
}

/** The OIDC provider's settings when all three variables are present, otherwise undefined. */
export function oidcConfig() {
  const e = env();
  if (!e.AUTH_OIDC_ISSUER || !e.AUTH_OIDC_CLIENT_ID || !e.AUTH_OIDC_CLIENT_SECRET) return undefined;
  return {
    issuer: e.AUTH_OIDC_ISSUER,
    clientId: e.AUTH_OIDC_CLIENT_ID,
    clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
    name: e.AUTH_OIDC_NAME,
  };
}

export type InngestConfig =
  | { mode: "dev"; baseUrl?: string }
  | { mode: "cloud"; signingKey: string; signingKeyFallback?: string; eventKey?: string; baseUrl?: string };

/**
 * How Inngest is reached, or undefined when it is not configured (the embedded default, tests, a
 * single self-hosted box): then the local scheduler runs the jobs. An event key alone is not enough,
 * because Inngest's calls to /api/inngest cannot be verified without the signing key.
 */
export function inngestConfig(): InngestConfig | undefined {
  const e = env();
  if (e.INNGEST_DEV) return { mode: "dev", baseUrl: e.INNGEST_BASE_URL };
  if (!e.INNGEST_SIGNING_KEY) return undefined;
  return {
    mode: "cloud",
    signingKey: e.INNGEST_SIGNING_KEY,
    signingKeyFallback: e.INNGEST_SIGNING_KEY_FALLBACK,
    eventKey: e.INNGEST_EVENT_KEY,
    baseUrl: e.INNGEST_BASE_URL,
  };
}

/**
 * The search path for the client tools the app runs (pg_dump, pg_restore: lib/system/backup-pg.ts),
 * which get this and their own connection variables, nothing else of this process's environment.
 */
export function executablePath(): string | undefined {
  return process.env.PATH;
}
