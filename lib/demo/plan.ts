import { dice, type Dice } from "./random";

/**
 * The demo's month of lead work as plain data, drawn from a fixed seed relative to "now": which
 * partner registered which company when, what they did since, and which holds, extension requests
 * and collaborators came up. Pure (no database), so a unit test can hold it to "every state is
 * there". The moments follow the contract's defaults (6 months' protection, 60 days' progress,
 * 10 days' grace, 7 days' warning): `lib/demo/seed.ts` writes the plan, PostgreSQL computes the states.
 */

export const DEMO_SEED = 20261207;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What the plan aims each lead at; the database decides, the integration test compares. */
export type PlannedState = "fresh" | "active" | "dueThisWeek" | "grace" | "expired" | "released";

export interface PlannedActivity {
  id: string;
  kind: string;
  at: Date;
  note: string | null;
}

export interface PlannedLead {
  id: string;
  assignmentId: string;
  state: PlannedState;
  /** Index into the partners the seed passes in. */
  owner: number;
  companyName: string;
  city: string;
  industry: string;
  stage: number;
  contact: { firstName: string; lastName: string; email: string; phone: string } | null;
  expectedVolume: number | null;
  assignedAt: Date;
  releasedAt: Date | null;
  activities: PlannedActivity[];
  hold: { id: string; reason: string; startAt: Date; endAt: Date | null; note: string } | null;
  extension: {
    id: string;
    days: number;
    reason: string;
    requestedAt: Date;
    outcome: "pending" | "escalated" | "approved";
  } | null;
  collaborator: {
    partner: number;
    role: "VIEW" | "ASSIST" | "NEGOTIATE";
    sharePercent: number | null;
  } | null;
}

const PREFIXES = [
  "Gasthaus",
  "Kantine",
  "Hotel",
  "Restaurant",
  "Bistro",
  "Mensa",
  "Café",
  "Brauhaus",
  "Landgasthof",
  "Catering",
];
const NAMES = [
  "Zur Post",
  "Am Markt",
  "Seeblick",
  "Lindenhof",
  "Sonne",
  "Alte Mühle",
  "Rheinterrasse",
  "Stadtgarten",
  "Zum Hirschen",
  "Waldfrieden",
  "Hafenkante",
  "Bergblick",
  "Am Dom",
  "Nordlicht",
  "Kornblume",
  "Drei Kronen",
  "Schlossblick",
  "Talblick",
  "Zum Anker",
  "Weinberg",
];
const CITIES = [
  "Hamburg",
  "Berlin",
  "München",
  "Köln",
  "Frankfurt am Main",
  "Stuttgart",
  "Düsseldorf",
  "Leipzig",
  "Dresden",
  "Hannover",
  "Bremen",
  "Nürnberg",
  "Freiburg",
  "Münster",
  "Kiel",
];
const INDUSTRIES = [
  "Gastronomie",
  "Hotellerie",
  "Betriebsgastronomie",
  "Gemeinschaftsverpflegung",
  "Catering",
  "Systemgastronomie",
];
const FIRST = [
  "Jana",
  "Tobias",
  "Sabine",
  "Mehmet",
  "Katrin",
  "Lukas",
  "Anja",
  "Stefan",
  "Petra",
  "Jonas",
  "Aylin",
  "Frank",
];
const LAST = [
  "Koch",
  "Becker",
  "Wagner",
  "Yilmaz",
  "Hoffmann",
  "Schulz",
  "Neumann",
  "Krüger",
  "Wolf",
  "Braun",
  "Lehmann",
  "Schmitt",
];
const QUALIFYING = [
  "QUALIFIED_CALL",
  "CUSTOMER_REACTION",
  "SCHEDULED_FOLLOWUP",
  "SAMPLE_FEEDBACK",
  "ROI_PRESENTATION",
];
const NOTES: Record<string, string[]> = {
  QUALIFIED_CALL: [
    "Küchenchef erreicht, Bedarf an TK-Gemüse bestätigt",
    "Einkauf ruft wegen Konditionen zurück",
  ],
  CUSTOMER_REACTION: [
    "Kunde bittet um Preisliste Molkerei",
    "Rückmeldung: Mittagsgeschäft wächst, Interesse an Convenience",
  ],
  SCHEDULED_FOLLOWUP: ["Termin zur Verkostung vereinbart", "Folgetermin nach den Ferien"],
  SAMPLE_FEEDBACK: ["Muster Gratin gut angekommen", "Lachs zu dünn geschnitten, Alternative gewünscht"],
  ROI_PRESENTATION: ["Kalkulation Wareneinsatz vorgestellt", "ROI-Vergleich gegen bisherigen Lieferanten"],
  NOTE: ["Ansprechpartner wechselt im nächsten Monat", "Parkplatz hinter dem Haus, Lieferung über Hof"],
  EMAIL_SENT: ["Angebot per E-Mail geschickt", "Unterlagen zur Verkostung verschickt"],
};
const HOLD_REASONS = ["FFZ_PRICE_APPROVAL", "FFZ_SAMPLE_DELAY", "FFZ_SUPPLY_ISSUE", "CUSTOMER_BLOCKED"];

/** How many leads of each state, in the order they are drawn. 200 in all. */
const STATES: [PlannedState, number][] = [
  ["fresh", 118],
  ["active", 42],
  ["dueThisWeek", 14],
  ["grace", 9],
  ["expired", 3],
  ["released", 14],
];

/** The calendar month `months` before `at` (UTC), as PostgreSQL's `+ interval 'n months'` counts. */
function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

function activitiesOf(d: Dice, from: Date, lastQualifying: Date, until: Date): PlannedActivity[] {
  const span = Math.max(lastQualifying.getTime() - from.getTime(), HOUR);
  const count = d.int(1, 4);
  const moments = Array.from(
    { length: count - 1 },
    () => from.getTime() + Math.floor(d.next() * span),
  ).sort();
  const out: PlannedActivity[] = moments.map((ms) => {
    const kind = d.chance(0.7) ? d.pick(QUALIFYING) : d.pick(["NOTE", "EMAIL_SENT"]);
    return { id: d.uuid(), kind, at: new Date(ms), note: d.pick(NOTES[kind]) };
  });
  const kind = d.pick(QUALIFYING);
  out.push({ id: d.uuid(), kind, at: lastQualifying, note: d.pick(NOTES[kind]) });
  // A note after the last qualifying step (it does not move the clock): "still chasing". Drawn
  // whether used or not, so the draws (and the ids after them) do not depend on the time of day.
  const chasing = d.chance(0.3);
  const share = d.next();
  const chaseId = d.uuid();
  if (chasing && until.getTime() - lastQualifying.getTime() > DAY) {
    const at = new Date(
      lastQualifying.getTime() + Math.floor(share * (until.getTime() - lastQualifying.getTime())),
    );
    out.push({ id: chaseId, kind: "EMAIL_SENT", at, note: NOTES.EMAIL_SENT[0] });
  }
  return out;
}

/** The plan for `partners` partners (at least two, for collaborators), relative to `now`. */
export function demoLeadPlan(now: Date, partners: number, seed = DEMO_SEED): PlannedLead[] {
  const d = dice(seed);
  const taken = new Set<string>();
  const leads: PlannedLead[] = [];
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const sixMonthsAgo = monthsBefore(now, 6);

  for (const [state, count] of STATES) {
    for (let i = 0; i < count; i++) {
      let companyName = "";
      let city = "";
      do {
        companyName = `${d.pick(PREFIXES)} ${d.pick(NAMES)}`;
        city = d.pick(CITIES);
      } while (taken.has(`${companyName}|${city}`));
      taken.add(`${companyName}|${city}`);

      // Moments: valid until = max(assigned + 6 months, last qualifying step + 60 days).
      let assignedAt: Date;
      let lastQualifying: Date;
      let releasedAt: Date | null = null;
      const offset = (days: number) => new Date(sixMonthsAgo.getTime() + days * DAY - d.int(0, 20) * HOUR);
      if (state === "fresh") {
        assignedAt = ago(d.int(0, 29) + d.next());
        lastQualifying = new Date(assignedAt.getTime() + d.next() * (now.getTime() - assignedAt.getTime()));
      } else if (state === "active") {
        assignedAt = ago(d.int(31, 150));
        lastQualifying = ago(d.int(1, 40));
      } else if (state === "dueThisWeek") {
        assignedAt = offset(d.int(2, 6)); // protection ends in 1–6 days
        lastQualifying = ago(d.int(65, 90));
      } else if (state === "grace") {
        assignedAt = offset(-d.int(1, 8)); // ended 1–8 days ago, grace runs 10
        lastQualifying = ago(d.int(70, 100));
      } else {
        assignedAt = offset(-d.int(11, 40)); // ended, grace over
        lastQualifying = ago(d.int(110, 150));
      }
      if (lastQualifying < assignedAt) lastQualifying = new Date(assignedAt.getTime() + HOUR);
      if (state === "released") {
        // The daily job released it on the night after grace ended (base end + 10 days).
        const end = new Date(
          Math.max(monthsBefore(assignedAt, -6).getTime(), lastQualifying.getTime() + 60 * DAY),
        );
        releasedAt = new Date(Math.min(end.getTime() + 10 * DAY + 2 * HOUR, now.getTime() - HOUR));
      }
      const until = releasedAt ?? now;
      const withContact = state !== "fresh" || d.chance(0.6);
      const first = d.pick(FIRST);
      const last = d.pick(LAST);
      const lead: PlannedLead = {
        id: d.uuid(),
        assignmentId: d.uuid(),
        state,
        owner: d.int(0, partners - 1),
        companyName,
        city,
        industry: d.pick(INDUSTRIES),
        stage: withContact ? 1 : 0,
        contact: withContact
          ? {
              firstName: first,
              lastName: last,
              email:
                `${first}.${last}@${companyName.replace(/[^A-Za-z]/g, "").toLowerCase()}.example`.toLowerCase(),
              phone: `+49 ${d.int(30, 899)} ${d.int(100000, 9999999)}`,
            }
          : null,
        expectedVolume: d.chance(0.7) ? d.int(8, 240) * 500 : null,
        assignedAt,
        releasedAt,
        activities: activitiesOf(d, assignedAt, lastQualifying, until),
        hold: null,
        extension: null,
        collaborator: null,
      };
      leads.push(lead);
    }
  }

  const of = (state: PlannedState) => leads.filter((l) => l.state === state);
  // Holds: open ones on fresh and active leads (stop-the-clock), some closed ones for history.
  for (const [n, lead] of of("active").slice(0, 10).entries()) {
    const startAt = ago(d.int(2, 20));
    lead.hold = {
      id: d.uuid(),
      reason: HOLD_REASONS[n % HOLD_REASONS.length],
      startAt: startAt < lead.assignedAt ? lead.assignedAt : startAt,
      endAt: n < 6 ? null : ago(1),
      note: n % 2 ? "Preisfreigabe durch FreshFoodz steht aus" : "Musterlieferung verzögert",
    };
  }
  // Extension requests: pending (asked this week) and escalated (left for more than 48 h) on leads
  // about to lapse; approved ones on active leads.
  const ask = (lead: PlannedLead, outcome: "pending" | "escalated" | "approved", daysAgo: number) => {
    lead.extension = {
      id: d.uuid(),
      days: d.pick([14, 30, 45]),
      reason: "Kunde entscheidet nach der Verkostung, Termin steht",
      requestedAt: new Date(now.getTime() - daysAgo * DAY - d.int(1, 5) * HOUR),
      outcome,
    };
  };
  const due = of("dueThisWeek");
  due.slice(0, 3).forEach((lead) => ask(lead, "pending", d.int(0, 1)));
  due.slice(3, 5).forEach((lead) => ask(lead, "escalated", d.int(3, 5)));
  of("grace")
    .slice(0, 1)
    .forEach((lead) => ask(lead, "pending", 0));
  of("active")
    .slice(10, 13)
    .forEach((lead) => ask(lead, "approved", d.int(5, 20)));
  // Collaborators: another partner assists or negotiates for a share, or only looks on.
  for (const [n, lead] of [...of("fresh").slice(0, 10), ...of("active").slice(13, 20)].entries()) {
    const role = (["ASSIST", "NEGOTIATE", "VIEW"] as const)[n % 3];
    lead.collaborator = {
      partner: (lead.owner + 1 + (n % (partners - 1))) % partners,
      role,
      sharePercent: role === "VIEW" ? null : d.pick([10, 20, 25, 30, 50]),
    };
  }
  return leads;
}
