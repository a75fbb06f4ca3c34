import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";

import { NO_INBOX_TEMPLATES, writtenTemplates } from "@/test/outbox-templates";

import { LOCALES } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";

import { notificationArgs, notificationHref, notificationKey } from "./notifications";

// Every template that can reach a member's inbox (all the app writes, except the customers' e-mails)
// has a text in every language, filled from the payload the writers send.

const PAYLOAD = {
  leadId: "00000000-0000-0000-0000-000000000001",
  companyName: "Kantine Nord",
  city: "Kiel",
  dueAt: "2026-12-01T09:00:00.000Z",
  month: "2026-12",
  threshold: 80,
  capEur: 100,
  // system.alert.* (lib/system/alerts.ts)
  metric: "backup.age_hours",
  value: 27.5,
  products: 2,
  averageRating: 4.5,
  flag: true,
};

const inboxTemplates = [...writtenTemplates()].filter((t) => !NO_INBOX_TEMPLATES.includes(t)).sort();

describe("in-app notification texts", () => {
  it("finds the templates that write in-app rows today", () => {
    expect(inboxTemplates).toEqual(
      expect.arrayContaining([
        "ai.budget.threshold",
        "lead.expired",
        "lead.extension.escalated",
        "lead.grace_expiry",
        "lead.reminder_60d",
        "samples.feedback.received",
      ]),
    );
    expect(inboxTemplates).not.toContain("samples.feedback.invitation");
  });

  it.each(inboxTemplates.flatMap((template) => LOCALES.map((locale) => [template, locale] as const)))(
    "%s has a text in %s",
    (template, locale) => {
      const texts = MESSAGES[locale].overview.inbox.templates as Record<string, string | undefined>;
      expect(texts[notificationKey(template)], `${template} has no ${locale} inbox text`).toBeTruthy();
      const t = createTranslator({
        locale,
        messages: MESSAGES[locale],
        namespace: "overview.inbox.templates",
        onError(error) {
          throw error;
        },
      });
      const say = t as unknown as (key: string, values: Record<string, string | number>) => string;
      const text = say(notificationKey(template), notificationArgs(PAYLOAD));
      expect(text).not.toMatch(/[{}]|overview\.inbox/);
    },
  );

  it("has no text for a template nobody writes", () => {
    const keys = new Set(inboxTemplates.map(notificationKey));
    expect(Object.keys(MESSAGES.de.overview.inbox.templates).filter((k) => !keys.has(k))).toEqual([]);
  });

  it("links to the lead a notification is about, or the AI area", () => {
    expect(notificationHref("demo", { template: "lead.expired", payload: PAYLOAD })).toBe(
      "/demo/leads/00000000-0000-0000-0000-000000000001",
    );
    expect(notificationHref("demo", { template: "ai.budget.threshold", payload: { month: "2026-12" } })).toBe(
      "/demo/ai",
    );
    expect(
      notificationHref("demo", { template: "lead.expired", payload: { leadId: "../admin" } }),
    ).toBeNull();
  });

  it("names only strings and numbers from the payload", () => {
    expect(notificationArgs({ a: "x", b: 1, c: true, d: null })).toEqual({ a: "x", b: 1 });
  });
});
