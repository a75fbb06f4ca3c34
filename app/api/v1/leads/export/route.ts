import { apiRoute } from "@/lib/http/api";
import { csvResponse } from "@/lib/http/csv-response";
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
  return csvResponse(chunks, { name: "leads", orgSlug: caller.orgSlug, requestId });
});

function cookieValue(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = pair.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}
