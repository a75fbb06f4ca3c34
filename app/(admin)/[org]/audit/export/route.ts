import { parseAuditSearch } from "@/lib/audit/schemas";
import { exportAuditEvents } from "@/lib/audit/service";
import { AppError } from "@/lib/errors";
import { csvResponse } from "@/lib/http/csv-response";
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
  return csvResponse(csv.chunks, {
    name: "audit",
    orgSlug: session.org.slug,
    requestId,
    headers: { "x-export-rows": String(csv.rows), "x-export-truncated": String(csv.truncated) },
  });
});
