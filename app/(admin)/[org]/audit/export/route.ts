import { berlinTime } from "@/lib/audit/csv";
import { parseAuditSearch } from "@/lib/audit/schemas";
import { exportAuditEvents } from "@/lib/audit/service";
import { AppError } from "@/lib/errors";
import { orgRoute } from "@/lib/http/org-route";

/**
 * The audit trail as CSV, with the audit page's filters. `orgRoute` checks the session (401) and the
 * membership (404); the service checks the permission to export (403); filters that are not valid
 * are a 400 naming the fields.
 */
export const GET = orgRoute(async ({ url, session, ctx, requestId }) => {
  const parsed = parseAuditSearch(url.searchParams);
  if (!parsed.ok) {
    throw new AppError("bad_request", "The filters are not valid.", {
      fieldErrors: Object.entries(parsed.fieldErrors).map(([path, message]) => ({ path, message })),
    });
  }

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
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${session.org.slug}-${date}.csv"`,
      "x-content-type-options": "nosniff",
      "x-export-rows": String(csv.rows),
      "x-export-truncated": String(csv.truncated),
    },
  });
});
