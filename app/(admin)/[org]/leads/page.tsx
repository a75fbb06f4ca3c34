import { LeadList, type LeadListLinkFilters } from "@/components/leads/LeadList";
import { AreaPage } from "@/components/shell/AreaPage";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";
import { ZLeadListLink } from "@/lib/leads/schemas";

export default async function LeadsPage({ params, searchParams }: PageProps<"/[org]/leads">) {
  const { org, ctx } = await requireOrgSession((await params).org);
  // A link's filters (the home page's cards): values the list does not know are left out.
  const link = ZLeadListLink.parse(await searchParams);
  const initial: LeadListLinkFilters = {
    ...(link.owner && { mine: link.owner === "me" }),
    ...(link.status && { status: link.status }),
    ...(link.due && { due: link.due }),
    ...(link.hold && { hold: link.hold }),
    ...(link.extension && { extension: link.extension }),
  };
  return (
    <AreaPage area="leads">
      <LeadList
        orgSlug={org.slug}
        mineByDefault={org.role === "sales"}
        canCreate={can(ctx, "lead.create", { type: "lead", orgId: ctx.orgId })}
        canManage={can(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId })}
        initial={initial}
      />
    </AreaPage>
  );
}
