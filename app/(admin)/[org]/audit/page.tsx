import LockOutlined from "@mui/icons-material/LockOutlined";
import { getTranslations } from "next-intl/server";

import { AuditFilters } from "@/components/audit/AuditFilters";
import { actorLabeller, AuditResults } from "@/components/audit/AuditResults";
import { AreaPage } from "@/components/shell/AreaPage";
import { EmptyState } from "@/components/ui/EmptyState";
import { auditQueryString, filterFormValues, parseAuditSearch } from "@/lib/audit/schemas";
import { listAuditActors, listAuditEvents } from "@/lib/audit/service";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";

/**
 * The audit trail, for administrators and auditors. Other members of the organisation see a plain
 * "no access" message rather than a 404: the area is in everyone's navigation, and they already
 * know the organisation exists, so saying why is more useful than pretending the page is missing.
 */
export default async function AuditPage({ params, searchParams }: PageProps<"/[org]/audit">) {
  const { org, ctx } = await requireOrgSession((await params).org);
  const subject = { userId: ctx.userId, orgId: ctx.orgId, roles: ctx.roles };
  const resource = { type: "audit", orgId: ctx.orgId };
  const t = await getTranslations("audit");

  if (!can(subject, "audit.read", resource)) {
    return (
      <AreaPage area="audit">
        <EmptyState icon={<LockOutlined />} title={t("forbiddenTitle")}>
          {t("forbiddenText", { org: org.name })}
        </EmptyState>
      </AreaPage>
    );
  }

  const search = await searchParams;
  const parsed = parseAuditSearch(search);
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
    <AreaPage area="audit">
      <AuditFilters
        orgSlug={org.slug}
        values={values}
        fieldErrors={parsed.ok ? {} : parsed.fieldErrors}
        actors={actors}
        exportHref={
          parsed.ok && can(subject, "audit.export", resource)
            ? `/${org.slug}/audit/export${auditQueryString(parsed.filter)}`
            : undefined
        }
      />
      {page && parsed.ok && (
        <AuditResults orgSlug={org.slug} filter={parsed.filter} page={page} memberNames={memberNames} />
      )}
    </AreaPage>
  );
}
