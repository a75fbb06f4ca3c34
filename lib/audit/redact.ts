/**
 * What the audit trail keeps of a before/after value: secrets never, personal data not in clear.
 * Keys are matched case-insensitively anywhere in the structure: a secret by the key's last word
 * (`token`, `passwordHash`, `clientSecret`; not `tokenId` or `tokenPrefix`), personal data by a
 * word anywhere in the key (`email`, `contactEmail`, `contactLastName`).
 */
const SECRET_KEY = /(password|secret|token|hash|api_?key|authorization|cookie|credentials?)$/i;
const PERSONAL_KEY =
  /(e_?mail|phone|mobile|first_?name|last_?name|contact_?name|street|address|iban|birth_?date)/i;

export const REDACTED_SECRET = "[secret]";
export const REDACTED_PERSONAL = "[personal]";

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => {
      if (v === null || v === undefined) return [key, v ?? null];
      if (SECRET_KEY.test(key)) return [key, REDACTED_SECRET];
      if (PERSONAL_KEY.test(key)) return [key, REDACTED_PERSONAL];
      return [key, redact(v)];
    }),
  );
}
