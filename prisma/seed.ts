// Demo data: "FreshFoodz Demo" with one user per role and four partners, a month of lead work
// (lib/demo: ~200 leads in every state of protection, their activities and audit trail, AI calls,
// job runs, in-app notices), a food-service catalogue with sample boxes, and a second organisation
// so isolation can be seen. Deterministic (a fixed seed, dates relative to today) and safe to run
// again: what exists is kept. Refuses to run in production or against an organisation holding data
// the demo did not make (lib/demo/guard.ts; DEMO_ALLOW=true overrides). Every run prints the demo
// logins and writes them to .data/demo-logins.txt: new random passwords each time, or DEMO_PASSWORD
// for all of them (a workshop). Passwords are never written into code or docs.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import {
  addMember,
  createOrganization,
  findOrgIdBySlug,
  findUserIdByEmail,
  resetPassword,
} from "@/lib/auth/service";
import type { TRole } from "@/lib/auth/roles";
import { disconnect } from "@/lib/db";
import { demoRefusal } from "@/lib/demo/guard";
import { demoOrgFacts, seedDemoMonth } from "@/lib/demo/seed";
import { seedHelp } from "@/lib/help/demo";
import { seedHelpExperiments } from "@/lib/help/experiment-demo";
import { env } from "@/lib/env";
import { runLeadProtectionDaily } from "@/lib/leads/daily";
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
      { email: "paul.berger@freshfoodz.example", name: "Paul Berger", role: "sales", locale: "de" },
      { email: "lena.hofmann@freshfoodz.example", name: "Lena Hofmann", role: "sales", locale: "de" },
      { email: "jonas.richter@freshfoodz.example", name: "Jonas Richter", role: "sales", locale: "en" },
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

const LOGINS_FILE = ".data/demo-logins.txt";

async function seed() {
  const { NODE_ENV, DEMO_ALLOW, DEMO_PASSWORD } = env();
  const [demo] = DEMO_ORGS;
  const partnersOf = demo.users.filter((u) => u.role === "sales");
  const existing = await findOrgIdBySlug(demo.slug);
  const refusal = demoRefusal({
    nodeEnv: NODE_ENV,
    allow: DEMO_ALLOW,
    ...(existing ? await demoOrgFacts(existing, partnersOf.length) : { seeded: false, foreignLeads: 0 }),
  });
  if (refusal) {
    console.error(`\nDemo seed refused: ${refusal}\n`);
    process.exitCode = 1;
    return;
  }

  const logins: { org: string; email: string; role: TRole; password: string }[] = [];
  for (const org of DEMO_ORGS) {
    if (!(await findOrgIdBySlug(org.slug))) await createOrganization({ name: org.name, slug: org.slug });
    for (const user of org.users) {
      const exists = (await findUserIdByEmail(user.email)) !== null;
      const created = exists ? null : await addMember({ ...user, orgSlug: org.slug });
      const password = DEMO_PASSWORD
        ? await resetPassword(org.slug, user.email, DEMO_PASSWORD)
        : (created?.password ?? (await resetPassword(org.slug, user.email)));
      logins.push({ org: org.slug, email: user.email, role: user.role, password });
    }
  }

  const orgId = (await findOrgIdBySlug(demo.slug)) as string;
  const userId = async (email: string) => (await findUserIdByEmail(email)) as string;
  const month = await seedDemoMonth({
    orgId,
    admin: await userId("admin@freshfoodz.example"),
    manager: await userId("manager@freshfoodz.example"),
    partners: await Promise.all(partnersOf.map((u) => userId(u.email))),
  });
  // The night's job over the fresh month, as it would run at 02:15: reminders for the leads due
  // and in grace (through the outbox), the expired ones released, the protection summary refreshed
  // for the overview. Only right after the month went in: later starts leave that to the scheduler.
  const night = month.leads ? await runLeadProtectionDaily() : null;
  const member = async (email: string, role: TRole) => ({
    orgId,
    userId: await userId(email),
    roles: [role],
  });
  const { feedbackUrl } = await seedSamples(
    await member("admin@freshfoodz.example", "admin"),
    await member("partner@freshfoodz.example", "sales"),
  );

  console.log(
    month.leads || month.aiCalls
      ? `\nDemo month added: ${month.leads} leads, ${month.aiCalls} AI calls, ${month.jobRuns} job runs, ${month.notifications} in-app notices` +
          (night
            ? `; the daily lead job sent ${night.reminders} reminders and released ${night.released} leads.`
            : ".")
      : "\nDemo month already there: nothing added.",
  );
  const note = DEMO_PASSWORD ? "DEMO_PASSWORD for every login" : "new passwords on every start";
  console.log(`\nDemo logins (${note}; also in ${LOGINS_FILE}):\n`);
  console.table(logins);
  mkdirSync(path.dirname(LOGINS_FILE), { recursive: true });
  writeFileSync(
    LOGINS_FILE,
    `# FreshPlan Admin demo logins, ${new Date().toISOString()} (${note})\n` +
      logins.map((l) => `${l.org}\t${l.role}\t${l.email}\t${l.password}`).join("\n") +
      "\n",
    { mode: 0o600 },
  );
  const help = await seedHelp(
    await member("admin@freshfoodz.example", "admin"),
    await member("manager@freshfoodz.example", "manager"),
    await member("partner@freshfoodz.example", "sales"),
  );
  if (help.articles)
    console.log(`\nHelp: ${help.articles} articles published (German and English, both spaces).`);
  const experiments = await seedHelpExperiments(
    await member("admin@freshfoodz.example", "admin"),
    await member("manager@freshfoodz.example", "manager"),
  );
  if (experiments.experiments)
    console.log(
      `Help: ${experiments.experiments} A/B tests with ${experiments.readers} demo readers' exposures.`,
    );
  if (feedbackUrl) console.log(`\nA customer's feedback link (shown once): ${feedbackUrl}\n`);
}

seed()
  .then(() => disconnect())
  .catch(async (error: unknown) => {
    console.error(error);
    await disconnect();
    process.exit(1);
  });
