/**
 * When the demo seed refuses to run (prisma/seed.ts), as plain rules so a unit test holds them.
 * The demo writes two hundred invented leads: it must never land in a real organisation's data.
 * - NODE_ENV=production: a production process is no place for demo data, unless DEMO_ALLOW=true
 *   says the operator means it (a demo installation built for production).
 * - The demo organisation already holds leads the demo did not make (its own month, or the two
 *   sample leads of lib/samples/demo.ts) before the month was seeded: the slug belongs to someone's
 *   real data. Once the month is in, members' own leads are expected and no reason to stop.
 */
export interface DemoGuardFacts {
  nodeEnv: "development" | "test" | "production";
  allow: boolean;
  /** The demo's month is already in the organisation (its first lead exists). */
  seeded: boolean;
  /** Leads in the organisation that neither the month nor the samples demo made. */
  foreignLeads: number;
}

export function demoRefusal(facts: DemoGuardFacts): string | null {
  if (facts.allow) return null;
  if (facts.nodeEnv === "production") {
    return "NODE_ENV is production: the demo seed writes invented data and does not run there. Set DEMO_ALLOW=true for a demo installation.";
  }
  if (!facts.seeded && facts.foreignLeads > 0) {
    return `The demo organisation holds ${facts.foreignLeads} leads the demo did not make: this is not the demo's database. Set DEMO_ALLOW=true to add the demo data anyway.`;
  }
  return null;
}
