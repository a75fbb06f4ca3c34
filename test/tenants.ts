import { addMember, createOrganization } from "@/lib/auth/service";
import { withOrg, type MemberContext } from "@/lib/db";
import { createLead } from "@/lib/leads/service";

export interface TestTenant {
  orgId: string;
  admin: MemberContext;
  sales: MemberContext;
}

/**
 * An organisation with an admin (locale de) and a sales partner (locale `salesLocale`), made
 * through the same services as the CLI: the usual pair for tests that set one organisation
 * against another.
 */
export async function createTenant(slug: string, salesLocale: "de" | "en" = "de"): Promise<TestTenant> {
  const org = await createOrganization({ name: `Org ${slug}`, slug });
  const member = (role: "admin" | "sales", locale: "de" | "en") =>
    addMember({
      email: `${role}@${slug}.example`,
      name: role === "admin" ? "Admin" : "Sales",
      orgSlug: slug,
      role,
      locale,
    });
  const admin = await member("admin", "de");
  const sales = await member("sales", salesLocale);
  return {
    orgId: org.id,
    admin: { orgId: org.id, userId: admin.userId, roles: ["admin"] },
    sales: { orgId: org.id, userId: sales.userId, roles: ["sales"] },
  };
}

/** One more member of the tenant's organisation (e-mail `name@slug.example`), as its context. */
export async function addTenantMember(
  tenant: TestTenant,
  slug: string,
  name: string,
  role: "admin" | "manager" | "sales" | "auditor",
): Promise<MemberContext> {
  const { userId } = await addMember({
    email: `${name}@${slug}.example`,
    name,
    orgSlug: slug,
    role,
    locale: "de",
  });
  return { orgId: tenant.orgId, userId, roles: [role] };
}

/** A lead the tenant's sales partner registers (and so owns), with its current assignment. */
export async function registerLead(tenant: TestTenant, companyName: string) {
  const created = await createLead(tenant.sales, { companyName, city: "Berlin" });
  if (created.kind !== "created")
    throw new Error(`${companyName}: registration asked to confirm a duplicate`);
  const [assignment] = await withOrg(
    tenant.admin,
    (tx) => tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM lead_assignment WHERE lead_id = ${created.lead.id}::uuid AND released_at IS NULL`,
  );
  return { leadId: created.lead.id, assignmentId: assignment.id };
}
