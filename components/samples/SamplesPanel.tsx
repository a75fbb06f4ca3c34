import type { OrgSession } from "@/lib/auth/session";
import { samplesOverview } from "@/lib/samples/overview";
import { ZSamplesFilter, type TSamplesFilter } from "@/lib/samples/schemas";

import { SamplesArea } from "./SamplesArea";

/**
 * The Samples area, rendered on the server with the filters of its query string (each one that is
 * not valid is left out, as a link with a stale filter should still open the page).
 */
export async function SamplesPanel({
  session,
  searchParams,
}: {
  session: OrgSession;
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const filter: TSamplesFilter = Object.create(null);
  for (const key of ["status", "partner", "product"] as const) {
    const value = searchParams[key];
    if (typeof value !== "string") continue;
    const parsed = ZSamplesFilter.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) Object.assign(filter, { [key]: parsed.data });
  }
  const overview = await samplesOverview(session.ctx, { ...filter });
  return <SamplesArea orgSlug={session.org.slug} filter={{ ...filter }} overview={overview} />;
}
