import { z } from "zod";

import { ZRole } from "./roles";

/** Slugs that would shadow a route of the app if an organisation took them. */
const RESERVED_SLUGS = new Set(["api", "login", "logout", "feedback", "_next", "static", "public", "admin"]);

export const ZOrgSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$/, "lowercase letters, digits and hyphens, 1–48 characters")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "this slug is reserved");

export const ZCreateOrg = z.object({
  name: z.string().trim().min(1).max(200),
  slug: ZOrgSlug,
});
export type TCreateOrg = z.infer<typeof ZCreateOrg>;

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email("not a valid email address"));

export const ZCreateUser = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(200),
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
  name: z.string().trim().min(1, "required").max(100),
  /** Days until the token stops working; null for a token that does not expire. */
  expiresInDays: z
    .preprocess(
      (v) => (v === "" || v === "never" ? null : v),
      z.coerce.number().int().min(1).max(366).nullable(),
    )
    .default(90),
});
export type TCreateToken = z.infer<typeof ZCreateToken>;

/** Only same-site paths are followed after sign-in: never another host, never `//host`. */
export function safeCallbackPath(value: unknown): string {
  return typeof value === "string" &&
    value.startsWith("/") &&
    !value.startsWith("//") &&
    !value.startsWith("/\\")
    ? value
    : "/";
}
