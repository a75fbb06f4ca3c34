import { LeadList } from "@/components/leads/LeadList";
import { AreaPage } from "@/components/shell/AreaPage";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";

/** The lead list; its filters, order and page are in the URL, which the list reads itself. */
export default async function LeadsPage({ params }: PageProps<"/[org]/leads">) {
  const { org, ctx } = await requireOrgSession((await params).org);
  return (
    <AreaPage area="leads">
      <LeadList
        orgSlug={org.slug}
        mineByDefault={org.role === "sales"}
        canCreate={can(ctx, "lead.create", { type: "lead", orgId: ctx.orgId })}
        canManage={can(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId })}
      />
    </AreaPage>
  );
}
