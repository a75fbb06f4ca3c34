import { z } from "zod";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Creating (no id) or editing an Allianz Trade connection (admins): name, base URL, API key
 * (write-only: left empty on an edit, the stored key stays; a new key is a rotation).
 */
export const ZAllianzConnectionInput = z.strictObject({
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(100),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .refine(
      (url) => url.startsWith("https://") || (URL.canParse(url) && LOOPBACK.has(new URL(url).hostname)),
      { message: "https only, except for a server on this machine", params: { i18n: "httpsOrLocal" } },
    ),
  apiKey: z.string().trim().min(8).max(500).optional(),
});
export type TAllianzConnectionInput = z.infer<typeof ZAllianzConnectionInput>;
