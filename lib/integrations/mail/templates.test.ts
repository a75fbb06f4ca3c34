import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { PASSWORD_LINK_TEMPLATES } from "@/lib/auth/password-links";
import { LOCALES } from "@/lib/i18n/config";
import { LEAD_TEMPLATES } from "@/lib/leads/outbox";
import { FEEDBACK_TEMPLATES } from "@/lib/samples/portal";

import { hasTemplate, knownTemplates, renderMail } from "./templates";

// Every template the app writes to the outbox must have an e-mail in both languages, or the sender
// would fail that row. The names are found where the app writes them: `template: "…"` in lib, the
// lead templates' constants, and the outbox inserts in the SQL migrations.

const root = path.resolve(import.meta.dirname, "../../..");
const TEMPLATE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : files(full, pattern);
    return pattern.test(entry.name) && !entry.name.includes(".test.") ? [full] : [];
  });
}

function writtenTemplates(): Set<string> {
  const names = new Set<string>([
    ...Object.values(LEAD_TEMPLATES),
    ...Object.values(FEEDBACK_TEMPLATES),
    ...Object.values(PASSWORD_LINK_TEMPLATES),
  ]);
  for (const file of files(path.join(root, "lib"), /\.tsx?$/)) {
    for (const match of readFileSync(file, "utf8").matchAll(/\btemplate:\s*["']([^"']+)["']/g)) {
      if (TEMPLATE.test(match[1])) names.add(match[1]);
    }
  }
  for (const file of files(path.join(root, "sql/migrations"), /\.sql$/)) {
    const sql = readFileSync(file, "utf8").split("-- migrate:down")[0];
    for (const insert of sql.matchAll(/INSERT INTO notification_outbox[\s\S]*?;/g)) {
      for (const literal of insert[0].matchAll(/'([^']+)'/g)) {
        if (TEMPLATE.test(literal[1])) names.add(literal[1]);
      }
    }
  }
  return names;
}

/** Arguments a template may ask for, as the writers send them. */
const PAYLOAD = {
  leadId: "00000000-0000-0000-0000-000000000001",
  assignmentId: "00000000-0000-0000-0000-000000000002",
  requestId: "00000000-0000-0000-0000-000000000003",
  companyName: "Kantine <Nord> & Co",
  city: "Kiel",
  ownerUserId: "00000000-0000-0000-0000-000000000004",
  dueAt: "2026-12-01T09:00:00.000Z",
  graceUntil: "2026-12-08T09:00:00.000Z",
  releasedAt: "2026-12-08T10:00:00.000Z",
  requestedAt: "2026-12-05T10:00:00.000Z",
  days: 14,
  month: "2026-12",
  threshold: 80,
  capEur: 100,
  spentEur: 70,
  reservedEur: 10.5,
  senderName: "FreshFoodz Demo",
  expiresAt: "2026-12-28T09:00:00.000Z",
  url: "https://admin.example.com/feedback/abc",
  products: 2,
  averageRating: 4.5,
};

describe("e-mail templates", () => {
  const written = [...writtenTemplates()].sort();

  it("finds the templates the app writes today", () => {
    expect(written).toEqual(
      expect.arrayContaining([
        "ai.budget.threshold",
        "lead.expired",
        "lead.extension.escalated",
        "lead.grace_expiry",
        "lead.reminder_60d",
        "member.invitation",
        "member.password_reset",
        "samples.feedback.invitation",
        "samples.feedback.received",
        "samples.feedback.reminder",
      ]),
    );
  });

  it.each(written.flatMap((template) => LOCALES.map((locale) => [template, locale] as const)))(
    "%s has an e-mail in %s",
    (template, locale) => {
      expect(hasTemplate(template, locale), `${template} (${locale}) has no subject or body`).toBe(true);
      const mail = renderMail(template, locale, PAYLOAD, {
        recipientName: "Ana",
        orgName: "Gastro <Nord> & Co",
      });
      expect(mail.subject).not.toMatch(/[{}]|integrations\.mail/);
      expect(mail.text).toContain("Ana");
      expect(mail.text).not.toMatch(/[{}]|integrations\.mail/);
      expect(mail.html).toContain("Gastro &lt;Nord&gt; &amp; Co");
      expect(mail.html).not.toContain("<Nord>");
    },
  );

  it("has no text for a template nobody writes (a renamed one would linger)", () => {
    const keys = new Set(written.map((t) => t.replaceAll(".", "_")));
    expect(knownTemplates().filter((key) => !keys.has(key))).toEqual([]);
  });

  it("renders dates in the recipient's language and time zone", () => {
    const de = renderMail("lead.grace_expiry", "de", PAYLOAD, { recipientName: "A", orgName: "O" });
    const en = renderMail("lead.grace_expiry", "en", PAYLOAD, { recipientName: "A", orgName: "O" });
    expect(de.text).toContain("8. Dezember 2026");
    expect(en.text).toContain("December 8, 2026");
    expect(de.subject).toBe("Lead-Schutz endet bald: Kantine <Nord> & Co (Kiel)");
  });

  it("refuses an unknown template instead of sending an empty mail", () => {
    expect(() =>
      renderMail("lead.unknown_thing", "de", PAYLOAD, { recipientName: "A", orgName: "O" }),
    ).toThrow(/no de text for the e-mail template lead.unknown_thing/);
  });
});
