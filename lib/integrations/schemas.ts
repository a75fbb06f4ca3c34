import { z } from "zod";

export const PROVIDERS = ["ALLINKL_MAIL", "XENTRAL", "ALLIANZ_TRADE"] as const;
export const ZProvider = z.enum(PROVIDERS);
export type TProvider = z.infer<typeof ZProvider>;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

const ZSecurity = z.enum(["tls", "starttls", "none"]);

/** An optional form field: empty means absent. */
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/**
 * What a mail connection adds for reading the inbox (IMAP: host, port, security, mailbox; the
 * account and password are the SMTP ones, as all-inkl's mail accounts have one login) and for
 * managing the domain's mail accounts over KAS (the KAS login; its password is a secret).
 */
const inboxAndKas = {
  imapHost: optional(z.string().trim().min(1).max(253)),
  imapPort: optional(z.coerce.number().int().min(1).max(65535)),
  imapSecurity: optional(ZSecurity),
  mailbox: optional(z.string().trim().min(1).max(200)),
  kasLogin: optional(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{1,64}$/i),
  ),
};

/**
 * A mail connection's settings (what may be shown): the all-inkl mail server (e.g. w0123456.kasserver.com),
 * port, how the connection is secured, the account and the sender address; optionally the IMAP
 * side and the KAS login. `none` (no TLS) only for a server on this machine, such as a test server.
 */
export const ZMailSettings = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.coerce.number().int().min(1).max(65535),
    security: ZSecurity,
    user: z.string().trim().min(1).max(200),
    from: z.string().trim().min(3).max(200),
    ...inboxAndKas,
  })
  .refine((s) => s.security !== "none" || LOOPBACK.has(s.host), {
    path: ["security"],
    message: "Unencrypted SMTP only to a server on this machine",
    params: { i18n: "plainSmtpLocal" },
  })
  .refine((s) => s.imapSecurity !== "none" || LOOPBACK.has(s.imapHost ?? ""), {
    path: ["imapSecurity"],
    message: "Unencrypted IMAP only to a server on this machine",
    params: { i18n: "plainImapLocal" },
  });
export type TMailSettings = z.infer<typeof ZMailSettings>;

/** Creating or editing a mail connection. The password is write-only: empty keeps the stored one. */
export const ZMailConnectionInput = z.object({
  /** Empty or absent: a new connection. */
  id: z
    .union([z.literal(""), z.uuid()])
    .optional()
    .transform((id) => id || undefined),
  name: z.string().trim().min(1).max(100),
  host: z.string().trim().min(1).max(253),
  port: z.coerce.number().int().min(1).max(65535),
  security: z.enum(["tls", "starttls", "none"]),
  user: z.string().trim().min(1).max(200),
  from: z.string().trim().min(3).max(200),
  password: z.string().max(500).optional(),
  ...inboxAndKas,
  /** Write-only like the password: empty keeps the stored one. */
  kasPassword: z.string().max(500).optional(),
});
export type TMailConnectionInput = z.infer<typeof ZMailConnectionInput>;

export const ZConnectionId = z.object({ id: z.uuid() });
export const ZConnectionEnabled = z.object({
  id: z.uuid(),
  enabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});
export const ZOutboxRetry = z.object({ id: z.uuid() });

/**
 * Creating or editing a generic webhook connection. The webhook secret is write-only (empty keeps
 * the stored one); 20–255 characters, as Xentral takes for a webhook's signature key.
 */
export const ZWebhookConnectionInput = z.object({
  id: z
    .union([z.literal(""), z.uuid()])
    .optional()
    .transform((id) => id || undefined),
  name: z.string().trim().min(1).max(100),
  webhookSecret: z
    .union([z.literal(""), z.string().min(20).max(255)])
    .optional()
    .transform((secret) => secret || undefined),
});
export type TWebhookConnectionInput = Partial<
  Pick<z.infer<typeof ZWebhookConnectionInput>, "id" | "webhookSecret">
> &
  Pick<z.infer<typeof ZWebhookConnectionInput>, "name">;

export const ZWebhookReplay = z.object({ id: z.uuid() });

export const ZSuggestionDecision = z.object({
  id: z.uuid(),
  decision: z.enum(["confirm", "dismiss"]),
});
export type TSuggestionDecision = z.infer<typeof ZSuggestionDecision>;

const kasPassword = z.string().min(8).max(128);

/** A new mail account on the connection's domain (KAS add_mailaccount). */
export const ZKasAccountCreate = z.object({
  localPart: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/),
  password: kasPassword,
});
export type TKasAccountCreate = z.infer<typeof ZKasAccountCreate>;

/** A changed password and/or the account switched on or off (KAS update_mailaccount). */
export const ZKasAccountUpdate = z.object({
  login: z
    .string()
    .trim()
    .regex(/^[a-z0-9]{1,32}$/),
  password: z.preprocess((v) => (v === "" ? undefined : v), kasPassword.optional()),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export type TKasAccountUpdate = z.infer<typeof ZKasAccountUpdate>;
