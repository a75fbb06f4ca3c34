import { z } from "zod";

/**
 * The only place that reads process.env (an ESLint rule enforces it). Parsed lazily on first use,
 * so scripts and tests can set variables before anything asks, and validated with zod so a missing
 * or malformed value fails loudly with its name instead of deep inside a library.
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** Connections in the pool. The embedded PGlite serves one session, so its launcher sets 1. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** How long an idle pooled connection stays open. */
  DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  /** Optional single sign-on through any OpenID Connect provider (Keycloak, Entra ID, …). */
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_NAME: z.string().min(1).default("Single Sign-On"),
  /** Requests per window before sign-in answers 429. */
  LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** /api/v1 requests per minute, per client IP and per caller (token or user), before 429. */
  API_RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  API_RATE_LIMIT_PER_CALLER_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** The operator's organisation: its admins may change installation-wide (global) settings. */
  PLATFORM_ORG_SLUG: z.string().min(1).optional(),
  /** When set, /api/metrics wants `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid environment:\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
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
