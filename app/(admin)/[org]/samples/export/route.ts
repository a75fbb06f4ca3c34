import { orgRoute } from "@/lib/http/org-route";
import { samplesKpiCsv } from "@/lib/samples/overview";

/**
 * The Samples area's response figures as CSV (all, per partner, per product). `orgRoute` checks the
 * session (401) and the membership (404); the figures are the caller's, under row-level security.
 */
export const GET = orgRoute(async ({ session, ctx }) => {
  const csv = await samplesKpiCsv(ctx);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="samples-kpis-${session.org.slug}-${date}.csv"`,
      "x-content-type-options": "nosniff",
    },
  });
});
