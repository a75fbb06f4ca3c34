// Demo data: "FreshFoodz Demo" with one user per role, a food-service catalogue and a couple of
// sample boxes on the demo partner's leads, and a second organisation so isolation can be seen. Safe to run again: what exists is kept, and every run sets new random passwords for the
// demo accounts and prints them (passwords are never written into code or docs).
import {
  addMember,
  createOrganization,
  findOrgIdBySlug,
  findUserIdByEmail,
  resetPassword,
} from "@/lib/auth/service";
import type { TRole } from "@/lib/auth/roles";
import { disconnect } from "@/lib/db";
import { seedSamples } from "@/lib/samples/demo";

interface DemoOrg {
  slug: string;
  name: string;
  users: { email: string; name: string; role: TRole; locale: "de" | "en" }[];
}

export const DEMO_ORGS: DemoOrg[] = [
  {
    slug: "freshfoodz-demo",
    name: "FreshFoodz Demo",
    users: [
      { email: "admin@freshfoodz.example", name: "Anna Admin", role: "admin", locale: "de" },
      { email: "manager@freshfoodz.example", name: "Markus Manager", role: "manager", locale: "de" },
      { email: "partner@freshfoodz.example", name: "Paula Partner", role: "sales", locale: "de" },
      { email: "auditor@freshfoodz.example", name: "Alex Auditor", role: "auditor", locale: "en" },
    ],
  },
  {
    slug: "nordkueche",
    name: "Nordküche Großhandel",
    users: [
      { email: "admin@nordkueche.example", name: "Nils Nord", role: "admin", locale: "de" },
      { email: "partner@nordkueche.example", name: "Nora Partner", role: "sales", locale: "de" },
    ],
  },
];

async function seed() {
  const logins: { org: string; email: string; role: TRole; password: string }[] = [];
  for (const org of DEMO_ORGS) {
    if (!(await findOrgIdBySlug(org.slug))) await createOrganization({ name: org.name, slug: org.slug });
    for (const user of org.users) {
      const exists = (await findUserIdByEmail(user.email)) !== null;
      const created = exists ? null : await addMember({ ...user, orgSlug: org.slug });
      const password = created?.password ?? (await resetPassword(org.slug, user.email));
      logins.push({ org: org.slug, email: user.email, role: user.role, password });
    }
  }
  const demo = await findOrgIdBySlug("freshfoodz-demo");
  const member = async (email: string, role: TRole) => ({
    orgId: demo as string,
    userId: (await findUserIdByEmail(email)) as string,
    roles: [role],
  });
  const { feedbackUrl } = await seedSamples(
    await member("admin@freshfoodz.example", "admin"),
    await member("partner@freshfoodz.example", "sales"),
  );
  console.log("\nDemo logins (new passwords on every seed run):\n");
  console.table(logins);
  if (feedbackUrl) console.log(`\nA customer's feedback link (shown once): ${feedbackUrl}\n`);
}

seed()
  .then(() => disconnect())
  .catch(async (error: unknown) => {
    console.error(error);
    await disconnect();
    process.exit(1);
  });
