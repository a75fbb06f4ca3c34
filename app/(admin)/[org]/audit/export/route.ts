import { berlinTime } from "@/lib/audit/csv";
import { parseAuditSearch } from "@/lib/audit/schemas";
import { exportAuditEvents } from "@/lib/audit/service";
import { currentAccount, orgSessionFor } from "@/lib/auth/session";
import { clientIp } from "@/lib/http/client-ip";
import { isAppError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";
import { requestIdFrom } from "@/lib/http/request-id";

/**
 * The audit trail as CSV, with the audit page's filters. A route handler is a public endpoint of
 * its own, so it checks everything again: signed in (401), a member of the organisation (404, as
 * for any organisation one cannot see), allowed to export (403).
 */
export async function GET(request: Request, { params }: RouteContext<"/[org]/audit/export">) {
  const requestId = requestIdFrom(request.headers);
  const url = new URL(request.url);
  const instance = url.pathname;
  const headers = { "x-request-id": requestId, "cache-control": "no-store" };

  const account = await currentAccount();
  if (!account)
    return problemResponse(401, { detail: "Sign in to export the audit trail.", instance, headers });
  const session = orgSessionFor(account, (await params).org);
  if (!session) return problemResponse(404, { detail: "No such organisation.", instance, headers });

  const parsed = parseAuditSearch(url.searchParams);
  if (!parsed.ok) {
    return problemResponse(400, {
      type: "validation",
      detail: "The filters are not valid.",
      instance,
      errors: Object.entries(parsed.fieldErrors).map(([path, message]) => ({ path, message })),
      headers,
    });
  }

  try {
    const ctx = { ...session.ctx, requestId, ip: clientIp(request.headers) };
    const csv = await exportAuditEvents(ctx, parsed.filter);
    const chunks = csv.chunks;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error(`[audit export] request ${requestId} failed while streaming`, error);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const date = berlinTime(new Date()).slice(0, 10);
    return new Response(body, {
      headers: {
        ...headers,
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${session.org.slug}-${date}.csv"`,
        "x-content-type-options": "nosniff",
        "x-export-rows": String(csv.rows),
        "x-export-truncated": String(csv.truncated),
      },
    });
  } catch (error) {
    if (isAppError(error)) {
      return problemResponse(error.status, { type: error.kind, detail: error.message, instance, headers });
    }
    console.error(`[audit export] request ${requestId} failed`, error);
    return problemResponse(500, {
      detail: `Something went wrong on our side. Quote request id ${requestId} when you report it.`,
      instance,
      headers,
    });
  }
}
