import SearchOffOutlined from "@mui/icons-material/SearchOffOutlined";
import Stack from "@mui/material/Stack";
import { getFormatter, getTranslations } from "next-intl/server";

import { EmptyState } from "@/components/ui/EmptyState";
import { ButtonLink } from "@/components/ui/links";
import { diffValues } from "@/lib/audit/diff";
import { actionLabelKey, AUDIT_RESOURCE_TYPES, isKnownAction } from "@/lib/audit/actions";
import type { AuditEventRow } from "@/lib/audit/queries";
import { auditQueryString, type TAuditFilter } from "@/lib/audit/schemas";
import type { AuditPage } from "@/lib/audit/service";

import { AuditTable, type AuditRowView } from "./AuditTable";

/** A short, recognisable form of a uuid for labels: its first eight characters. */
const short = (id: string) => id.slice(0, 8);

/** Actor labels: a member's name, "System", or what is known of a token or a former member. */
export async function actorLabeller(memberNames: ReadonlyMap<string, string>) {
  const t = await getTranslations("audit");
  return (type: string, id: string | null): string => {
    if (type === "system" || !id) return t("actorSystem");
    if (type === "token") return t("actorToken", { id: short(id) });
    return memberNames.get(id) ?? t("actorFormerUser", { id: short(id) });
  };
}

/** The page of events as a table with paging links, or an empty state when nothing matches. */
export async function AuditResults({
  orgSlug,
  filter,
  page,
  memberNames,
}: {
  orgSlug: string;
  filter: TAuditFilter;
  page: AuditPage;
  memberNames: ReadonlyMap<string, string>;
}) {
  const t = await getTranslations("audit");
  const format = await getFormatter();
  const label = await actorLabeller(memberNames);
  const base = `/${orgSlug}/audit`;
  const filtered = Object.values(filter).some(Boolean);

  if (page.events.length === 0) {
    return (
      <EmptyState icon={<SearchOffOutlined />} title={filtered ? t("empty") : t("emptyAll")}>
        {filtered ? t("emptyHint") : undefined}
      </EmptyState>
    );
  }

  /** A resource's name: a member's for users and memberships, else what the page looked up. */
  const resourceName = ({ resourceType, resourceId }: AuditEventRow): string | null => {
    if (!resourceId) return null;
    if (resourceType === "user" || resourceType === "membership") return memberNames.get(resourceId) ?? null;
    return page.resourceNames.get(`${resourceType}:${resourceId}`) ?? null;
  };

  const view = (event: AuditEventRow): AuditRowView => {
    const actor = event.actorType === "system" ? "system" : `${event.actorType}:${event.actorId}`;
    return {
      id: event.id,
      timeIso: event.createdAt.toISOString(),
      time: format.dateTime(event.createdAt, {
        dateStyle: "medium",
        timeStyle: "medium",
        timeZone: "Europe/Berlin",
      }),
      actor: {
        label: label(event.actorType, event.actorId),
        href: base + auditQueryString({ ...filter, actor }),
      },
      action: {
        code: event.action,
        label: isKnownAction(event.action) ? t(actionLabelKey(event.action)) : event.action,
      },
      resource: {
        type: (AUDIT_RESOURCE_TYPES as readonly string[]).includes(event.resourceType)
          ? t(`resources.${event.resourceType as (typeof AUDIT_RESOURCE_TYPES)[number]}`)
          : event.resourceType,
        name: resourceName(event),
        id: event.resourceId,
        href:
          base +
          auditQueryString({
            ...filter,
            resourceType: event.resourceType,
            resourceId: event.resourceId ?? undefined,
          }),
      },
      requestId: event.requestId,
      ip: event.ip,
      diff: diffValues(event.before, event.after),
      prevHash: event.prevHash,
      hash: event.hash,
    };
  };

  const onFirstPage = page.newer === null;
  return (
    <>
      <AuditTable rows={page.events.map(view)} />
      <Stack
        component="nav"
        aria-label={t("pagination")}
        direction="row"
        spacing={1}
        sx={{ mt: 2, justifyContent: "flex-end" }}
      >
        {!onFirstPage && <ButtonLink href={base + auditQueryString(filter)}>{t("newest")}</ButtonLink>}
        {page.newer && (
          <ButtonLink href={base + auditQueryString(filter, { after: page.newer })} rel="prev">
            {t("newer")}
          </ButtonLink>
        )}
        {page.older && (
          <ButtonLink
            href={base + auditQueryString(filter, { before: page.older })}
            rel="next"
            variant="outlined"
          >
            {t("older")}
          </ButtonLink>
        )}
      </Stack>
    </>
  );
}
