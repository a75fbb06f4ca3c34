import { z } from "zod";

/** Xentral's inputs and answers, shared by forms, actions, routes and the OpenAPI document. */

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const xentralRef = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/);

/**
 * The instance: a Xentral id (`acme` → https://acme.xentral.biz), or a full https URL (a custom
 * domain); plain http only to this machine (the test fake).
 */
export const ZInstance = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((value, ctx) => {
    if (/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(value))
      return `https://${value.toLowerCase()}.xentral.biz`;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "Neither a Xentral id nor a URL",
        params: { i18n: "xentralInstance" },
      });
      return z.NEVER;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
      ctx.addIssue({
        code: "custom",
        message: "https only (plain http only to this machine)",
        params: { i18n: "httpsOrLocal" },
      });
      return z.NEVER;
    }
    return url.origin;
  });

/** What a Xentral connection keeps in clear (settings); the token and webhook secret are sealed. */
export const ZXentralSettings = z.object({
  baseUrl: z.string().url(),
  /** When the personal access token expires (Xentral: at most 180 days after it was made). */
  tokenExpiresAt: z.iso.date(),
  /** Sales orders: Xentral's project, payment method and shipping method ids, currency, tax rate. */
  projectId: xentralRef.optional(),
  paymentMethodId: xentralRef.optional(),
  shippingMethodId: xentralRef.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default("EUR"),
  taxRate: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,2})?$/)
    .default("7"),
});
export type TXentralSettings = z.infer<typeof ZXentralSettings>;

/** Creating or editing the Xentral connection; token and webhook secret are write-only (empty keeps). */
export const ZXentralConnectionInput = z.object({
  id: z
    .union([z.literal(""), z.uuid()])
    .optional()
    .transform((id) => id || undefined),
  name: z.string().trim().min(1).max(100),
  instance: ZInstance,
  tokenExpiresAt: z.iso.date(),
  token: optional(z.string().trim().min(20).max(2000)),
  webhookSecret: optional(z.string().min(20).max(255)),
  projectId: optional(xentralRef),
  paymentMethodId: optional(xentralRef),
  shippingMethodId: optional(xentralRef),
  currency: optional(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/),
  ),
  taxRate: optional(
    z
      .string()
      .trim()
      .regex(/^\d{1,2}(\.\d{1,2})?$/),
  ),
});
export type TXentralConnectionInput = z.input<typeof ZXentralConnectionInput>;

export const ZSyncNow = z.object({
  mode: z.enum(["incremental", "full"]).default("incremental"),
});

/** Searching Xentral's customers for a lead: VAT number, or name (and zip). */
export const ZCustomerSearch = z
  .object({
    vatNumber: optional(z.string().trim().min(4).max(20)),
    name: optional(z.string().trim().min(2).max(200)),
    zip: optional(z.string().trim().min(3).max(10)),
  })
  .refine((s) => s.vatNumber || s.name, { path: ["name"], message: "VAT number or name" });
export type TCustomerSearch = z.infer<typeof ZCustomerSearch>;

export const ZCustomerCandidate = z
  .object({
    id: z.string(),
    number: z.string(),
    name: z.string(),
    vatNumber: z.string().nullable(),
    zip: z.string().nullable(),
    city: z.string().nullable(),
  })
  .meta({ id: "XentralCustomerCandidate" });
export type TCustomerCandidate = z.infer<typeof ZCustomerCandidate>;

export const ZCustomerLinkInput = z.object({
  customerId: z.string().regex(/^\d{1,20}$/),
});

const ZPosition = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.coerce.number().int().min(1).max(100_000),
});

/** A sales order from a lead: the positions (SKUs of the test phase, quantities); manager only. */
export const ZSalesOrderInput = z.object({
  positions: z.array(ZPosition).min(1).max(100),
  customerOrderNumber: optional(z.string().trim().min(1).max(50)),
});
export type TSalesOrderInput = z.infer<typeof ZSalesOrderInput>;

export const ZLeadXentral = z
  .object({
    configured: z.boolean().describe("The organisation has an enabled Xentral connection"),
    customer: z
      .object({
        id: z.string(),
        number: z.string(),
        name: z.string(),
        linkedAt: z.iso.datetime(),
      })
      .nullable(),
    salesOrder: z
      .object({
        externalOrderNumber: z.string(),
        state: z.enum(["SENDING", "CREATED", "FAILED"]),
        location: z.string().nullable(),
        error: z.string().nullable(),
        createdAt: z.iso.datetime().nullable(),
      })
      .nullable(),
    /** The lead's last test phase ended with LIST (positive): a sales order may be made. */
    orderable: z.boolean(),
    /** SKUs of that phase that are Xentral products (with net price). */
    skus: z.array(z.object({ sku: z.string(), name: z.string(), price: z.string().nullable() })),
  })
  .meta({ id: "LeadXentral" });
export type TLeadXentral = z.infer<typeof ZLeadXentral>;

/** Linking a lead to a Xentral customer (the lead page's customer search). */
export const ZXentralLink = z.object({ leadId: z.uuid(), customerNumber: z.string().trim().min(1).max(100) });

/** A sales order from a lead (the lead page's order button). */
export const ZXentralOrder = ZSalesOrderInput.extend({ leadId: z.uuid() });
