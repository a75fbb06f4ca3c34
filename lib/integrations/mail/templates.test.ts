import { describe, expect, it } from "vitest";

import { writtenTemplates } from "@/test/outbox-templates";

import { LOCALES } from "@/lib/i18n/config";

import { hasTemplate, knownTemplates, renderMail } from "./templates";

// Every template the app writes to the outbox must have an e-mail in both languages, or the sender
// would fail that row. The names are found where the app writes them (test/outbox-templates.ts).

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
  // system.alert.* (lib/system/alerts.ts)
  metric: "backup.age_hours",
  value: 27.5,
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
