import { createTranslator } from "use-intl/core";

import type { Locale } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";

/**
 * The e-mails of the outbox: one template per outbox `template` name, its subject and body in
 * lib/i18n/messages/{de,en}/integrations.json under `mail.templates.<name with _ for .>`, rendered
 * in the recipient's language as plain text and as HTML from the same text. A body's paragraphs are
 * separated by a blank line; ISO dates in the payload arrive as dates (`{dueAt, date, long}`).
 */

export const MAIL_TIME_ZONE = "Europe/Berlin";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailContext {
  /** How the greeting names the recipient. */
  recipientName: string;
  orgName: string;
}

type TemplateTexts = { subject: string; body: string };

/** The message key of a template name: lead.extension.escalated → lead_extension_escalated. */
export function templateKey(template: string): string {
  return template.replaceAll(".", "_");
}

/** Every template name that has texts (in German; the message test keeps English in step). */
export function knownTemplates(): string[] {
  return Object.keys(MESSAGES.de.integrations.mail.templates);
}

export function hasTemplate(template: string, locale: Locale): boolean {
  const texts = (MESSAGES[locale].integrations.mail.templates as Record<string, TemplateTexts | undefined>)[
    templateKey(template)
  ];
  return Boolean(texts?.subject?.trim() && texts?.body?.trim());
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Payload values as ICU arguments: ISO timestamps become dates, nested values are left out. */
function argumentsOf(payload: Record<string, unknown>): Record<string, string | number | Date> {
  const out: Record<string, string | number | Date> = Object.create(null) as Record<
    string,
    string | number | Date
  >;
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === "string") out[key] = ISO_DATE.test(value) ? new Date(value) : value;
    else if (typeof value === "number") out[key] = value;
    else if (typeof value === "boolean") out[key] = String(value);
  }
  return out;
}

export class MissingTemplateError extends Error {
  constructor(template: string, locale: Locale) {
    super(`no ${locale} text for the e-mail template ${template}`);
    this.name = "MissingTemplateError";
  }
}

/**
 * Subject, plain text and HTML of one outbox row in `locale`. Throws MissingTemplateError when the
 * template has no text, and any formatting error (a missing argument) instead of sending a broken mail.
 */
export function renderMail(
  template: string,
  locale: Locale,
  payload: Record<string, unknown>,
  context: MailContext,
): RenderedMail {
  if (!hasTemplate(template, locale)) throw new MissingTemplateError(template, locale);
  const t = createTranslator({
    locale,
    messages: MESSAGES[locale],
    namespace: "integrations.mail",
    timeZone: MAIL_TIME_ZONE,
    onError(error) {
      throw error;
    },
  });
  const key = templateKey(template);
  const args = argumentsOf(payload);
  const say = (path: string, values: Record<string, string | number | Date>) =>
    (t as unknown as (key: string, values: Record<string, string | number | Date>) => string)(path, values);
  const subject = say(`templates.${key}.subject`, args);
  const paragraphs = [
    context.recipientName.trim()
      ? say("greeting", { name: context.recipientName })
      : say("greetingNoName", {}),
    ...say(`templates.${key}.body`, args).split(/\n{2,}/),
    say("footer", { org: context.orgName }),
  ];
  const text = `${paragraphs.join("\n\n")}\n`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a;">`,
    ...paragraphs.map(
      (p, i) =>
        `<p${i === paragraphs.length - 1 ? ' style="color: #666; font-size: 0.9em;"' : ""}>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`,
    ),
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
