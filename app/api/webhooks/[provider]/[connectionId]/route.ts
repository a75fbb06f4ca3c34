import { readBodyBytes } from "@/lib/http/body";
import { publicRoute } from "@/lib/http/public";
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "@/lib/integrations/webhook-signature";
import { receiveWebhook } from "@/lib/integrations/webhooks";

/** Webhook inbox body limit: vendors' events are small; 256 KB is far above any of them. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

/**
 * The webhook inbox (lib/integrations/webhooks.ts): public, per-IP rate limit, body ≤ 256 KB,
 * signature checked against the connection's webhook secret, 202 once stored (200 for a duplicate).
 */
export const POST = publicRoute(
  async (request: Request, route: { params: Promise<{ provider: string; connectionId: string }> }) => {
    const { provider, connectionId } = await route.params;
    const body = await readBodyBytes(request, WEBHOOK_BODY_LIMIT);
    const receipt = await receiveWebhook(provider, connectionId, {
      timestamp: request.headers.get(WEBHOOK_TIMESTAMP_HEADER),
      signature: request.headers.get(WEBHOOK_SIGNATURE_HEADER),
      body,
    });
    return Response.json(receipt, {
      status: receipt.status === "accepted" ? 202 : 200,
      headers: { "cache-control": "no-store" },
    });
  },
);
