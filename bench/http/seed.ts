// Seeds bench/http's database (DATABASE_URL, migrated) through the app's services: one organisation,
// one partner (sales) with BENCH_LEADS leads and BENCH_TOKENS tokens. Prints {leadIds, tokens} as the
// last line of its output. Run by bench/http/run.ts.
import { addMember, createOrganization } from "@/lib/auth/service";
import { createToken } from "@/lib/auth/tokens";
import { disconnect } from "@/lib/db";
import { createLead } from "@/lib/leads/service";

const leads = Number(process.env.BENCH_LEADS ?? 200);
const tokenCount = Number(process.env.BENCH_TOKENS ?? 50);

const org = await createOrganization({ name: "Bench GmbH", slug: "bench" });
const { userId } = await addMember({
  email: "partner@bench.example",
  name: "Partner",
  orgSlug: "bench",
  role: "sales",
  locale: "en",
});
const ctx = { orgId: org.id, userId, roles: ["sales"] };
const leadIds: string[] = [];
for (let i = 0; i < leads; i++) {
  const created = await createLead(ctx, { companyName: `Bench ${i} GmbH`, city: `Stadt ${i}` });
  if (created.kind !== "created") throw new Error(`lead ${i} was not created: ${JSON.stringify(created)}`);
  leadIds.push(created.lead.id);
}
const tokens: string[] = [];
for (let i = 0; i < tokenCount; i++) {
  tokens.push((await createToken(ctx, { name: `bench ${i}`, expiresInDays: 1 })).token);
}
await disconnect();
console.log(JSON.stringify({ leadIds, tokens }));
