import { z } from "zod";

import { text, ZDbString } from "@/lib/db/columns";

import { ZRole } from "./roles";

/** Slugs that would shadow a route of the app if an organisation took them. */
const RESERVED_SLUGS = new Set([
  "api",
  "login",
  "logout",
  "set-password",
  "feedback",
  "_next",
  "static",
  "public",
  "admin",
]);

export const ZOrgSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$/, "lowercase letters, digits and hyphens, 1–48 characters")
  .refine((slug) => !RESERVED_SLUGS.has(slug), {
    message: "this slug is reserved",
    params: { i18n: "reservedSlug" },
  });

export const ZCreateOrg = z.object({
  name: text(200),
  slug: ZOrgSlug,
});
export type TCreateOrg = z.infer<typeof ZCreateOrg>;

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email("not a valid email address"));

export const ZCreateUser = z.object({
  email: ZEmail,
  name: text(200),
  orgSlug: ZOrgSlug,
  role: ZRole,
  locale: z.enum(["de", "en"]).default("de"),
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZCredentials = z.object({
  email: ZEmail,
  password: z.string().min(1).max(1024),
});
export type TCredentials = z.infer<typeof ZCredentials>;

export const ZCreateToken = z.object({
  name: ZDbString.trim().min(1, "required").max(100),
  /** Days until the token stops working; null for a token that does not expire. */
  expiresInDays: z
    .preprocess(
      (v) => (v === "" || v === "never" ? null : v),
      z.coerce.number().int().min(1).max(366).nullable(),
    )
    .default(90),
});
export type TCreateToken = z.infer<typeof ZCreateToken>;

/** Where a sign-in lands when it names no target, or one that is refused. */
export const DEFAULT_LANDING = "/";

/** Stands in for the app's own origin where only its paths matter: no other site can have it. */
const OWN_ORIGIN = "http://freshplan.invalid";

/** C0 and C1 control characters (tab, newline, …) and the backslash. */
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * The target to continue to after sign-in (`callbackUrl`), as a path on the app, or DEFAULT_LANDING.
 * Browsers drop tabs and newlines from a URL and read `\` as `/`, so `/<tab>/evil.example` and
 * `/\evil.example` both mean `//evil.example`: another host. So control characters and backslashes
 * are refused outright, and the rest is parsed the way a browser parses it, against the app's own
 * origin (`origin`, e.g. next-auth's base URL): kept only if that origin stays. The answer is the
 * parsed path, not the input, and never starts with `//`, which dot segments (`/..//evil`) produce.
 */
export function safeCallbackPath(value: unknown, origin = OWN_ORIGIN): string {
  if (typeof value !== "string" || value === "" || CONTROL_OR_BACKSLASH.test(value)) return DEFAULT_LANDING;
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return DEFAULT_LANDING;
  }
  const path = `${target.pathname}${target.search}${target.hash}`;
  return target.origin === new URL(origin).origin && !path.startsWith("//") ? path : DEFAULT_LANDING;
}

// REST API answers: /api/v1/me and /api/v1/tokens (their specs are in openapi.ts) -------------------

export const ZMe = z
  .object({
    user: z.object({ id: z.uuid(), name: z.string(), email: z.string(), locale: z.enum(["de", "en"]) }),
    org: z.object({ id: z.uuid(), slug: z.string() }),
    role: ZRole,
    authenticatedVia: z.enum(["token", "session"]),
  })
  .meta({ id: "Me" });

export const ZTokenSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    tokenPrefix: z.string().describe("The first characters of the token, to recognise it"),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "TokenSummary" });
/** A token as GET /api/v1/tokens answers it (instants as ISO 8601 strings). */
export type TTokenSummary = z.infer<typeof ZTokenSummary>;

// Members and own accounts (issue 16) ----------------------------------------------------------------

export const PASSWORD_MIN_LENGTH = 12;

/** A new password: long enough to resist guessing (a passphrase is fine), no longer than stored text. */
export const ZNewPassword = z.string().min(PASSWORD_MIN_LENGTH).max(1024);

/** The new password twice, as the set-password page and the account page ask for it. */
const samePasswordTwice = (v: { password: string; confirm: string }) => v.password === v.confirm;
// Worded by the forms' `passwordsDiffer` text (lib/i18n/fieldText.ts).
const differ = { path: ["confirm"], message: "the passwords differ", params: { i18n: "passwordsDiffer" } };

export const ZSetPassword = z
  .object({ password: ZNewPassword, confirm: z.string().max(1024) })
  .refine(samePasswordTwice, differ);
export type TSetPassword = z.infer<typeof ZSetPassword>;

export const ZChangeOwnPassword = z
  .object({ current: z.string().min(1).max(1024), password: ZNewPassword, confirm: z.string().max(1024) })
  .refine(samePasswordTwice, differ);
export type TChangeOwnPassword = z.infer<typeof ZChangeOwnPassword>;

export const ZUpdateProfile = z.object({
  name: text(200),
  locale: z.enum(["de", "en"]),
});
export type TUpdateProfile = z.infer<typeof ZUpdateProfile>;

export const ZInviteMember = z.object({
  email: ZEmail,
  name: text(200),
  role: ZRole,
});
export type TInviteMember = z.infer<typeof ZInviteMember>;

export const ZChangeRole = z.object({ userId: z.uuid(), role: ZRole });
export type TChangeRole = z.infer<typeof ZChangeRole>;

export const ZMemberRef = z.object({ userId: z.uuid() });
export type TMemberRef = z.infer<typeof ZMemberRef>;

export const ZSetMemberActive = z.object({ userId: z.uuid(), active: z.boolean() });
export type TSetMemberActive = z.infer<typeof ZSetMemberActive>;

/** A member as the members page and GET /api/v1/members show them. */
export const ZMember = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: ZRole,
    state: z
      .enum(["active", "invited", "deactivated"])
      .describe("invited: has not set a password yet; deactivated: may not sign in to this organisation"),
    lastSignInAt: z.iso.datetime().nullable(),
    memberSince: z.iso.datetime(),
  })
  .meta({ id: "Member" });
export type TMember = z.infer<typeof ZMember>;
