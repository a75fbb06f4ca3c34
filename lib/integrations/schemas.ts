import { z } from "zod";

export const PROVIDERS = ["ALLINKL_MAIL", "XENTRAL", "ALLIANZ_TRADE"] as const;
export const ZProvider = z.enum(PROVIDERS);
export type TProvider = z.infer<typeof ZProvider>;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * A mail connection's settings (what may be shown): the all-inkl mail server (e.g. w0123456.kasserver.com),
 * port, how the connection is secured, the account and the sender address. `none` (no TLS) only
 * for a server on this machine, such as a test server.
 */
export const ZMailSettings = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.coerce.number().int().min(1).max(65535),
    security: z.enum(["tls", "starttls", "none"]),
    user: z.string().trim().min(1).max(200),
    from: z.string().trim().min(3).max(200),
  })
  .refine((s) => s.security !== "none" || LOOPBACK.has(s.host), {
    path: ["security"],
    message: "Unencrypted SMTP only to a server on this machine",
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
