import { getTranslations } from "next-intl/server";

import { AuditFilters } from "@/components/audit/AuditFilters";
import { actorLabeller, AuditResults } from "@/components/audit/AuditResults";
import { AccessGate } from "@/components/shell/AccessGate";
import { AreaPage } from "@/components/shell/AreaPage";
import { auditQueryString, filterFormValues, parseAuditSearch, type SearchParams } from "@/lib/audit/schemas";
import { listAuditActors, listAuditEvents } from "@/lib/audit/service";
import { can } from "@/lib/auth/policy";
import { requireOrgSession, type OrgSession } from "@/lib/auth/session";
import { fieldText, type FieldWords } from "@/lib/i18n/fieldText";

/** The audit trail, for administrators and auditors; other members see why they cannot (AccessGate). */
export default async function AuditPage({ params, searchParams }: PageProps<"/[org]/audit">) {
  const session = await requireOrgSession((await params).org);
  return (
    <AreaPage area="audit">
      <AccessGate session={session} action="audit.read" resource="audit" messages="audit">
        {async () => <AuditTrail session={session} search={await searchParams} />}
      </AccessGate>
    </AreaPage>
  );
}

async function AuditTrail({ session: { org, ctx }, search }: { session: OrgSession; search: SearchParams }) {
  const words = (await getTranslations("fields")) as unknown as FieldWords;
  const parsed = parseAuditSearch(search, (why, field) => fieldText(words, why, field));
  const [memberNames, page] = await Promise.all([
    listAuditActors(ctx),
    parsed.ok ? listAuditEvents(ctx, parsed.filter, parsed.cursor) : null,
  ]);

  const label = await actorLabeller(memberNames);
  const values = filterFormValues(search, parsed.ok ? parsed.filter : undefined);
  const actors = [
    { value: "system", label: label("system", null) },
    ...[...memberNames].map(([id, name]) => ({ value: `user:${id}`, label: name })),
  ];
  // A token or a former member picked from a row is not in the list: offer it, so it stays selected.
  if (parsed.ok && parsed.filter.actor && !actors.some((a) => a.value === parsed.filter.actor)) {
    const [type, id] = parsed.filter.actor.split(":");
    actors.push({ value: parsed.filter.actor, label: label(type, id) });
  }

  return (
    <>
      <AuditFilters
        orgSlug={org.slug}
        values={values}
        fieldErrors={parsed.ok ? {} : parsed.fieldErrors}
        actors={actors}
        exportHref={
          parsed.ok && can(ctx, "audit.export", { type: "audit", orgId: ctx.orgId })
            ? `/${org.slug}/audit/export${auditQueryString(parsed.filter)}`
            : undefined
        }
      />
      {page && parsed.ok && (
        <AuditResults orgSlug={org.slug} filter={parsed.filter} page={page} memberNames={memberNames} />
      )}
    </>
  );
}
