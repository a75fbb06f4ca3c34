import { berlinTime } from "@/lib/audit/csv";
import { apiRoute } from "@/lib/http/api";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/config";
import { exportLeads } from "@/lib/leads/export";
import { exportLeadsApi } from "@/lib/leads/openapi";

/**
 * The lead list as CSV, streamed: the list's filters and order (the page's URL passes them on), the
 * rows the caller may list. Headers in `lang`, else the language cookie's language.
 */
export const GET = apiRoute(exportLeadsApi, async ({ request, caller, query, requestId }) => {
  const locale = query.lang ?? resolveLocale(cookieValue(request, LOCALE_COOKIE));
  const chunks = await exportLeads(caller.ctx, query, locale);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error(`[lead export] request ${requestId} failed while streaming`, error);
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
      "content-disposition": `attachment; filename="leads-${caller.orgSlug}-${date}.csv"`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });
});

function cookieValue(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = pair.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}
