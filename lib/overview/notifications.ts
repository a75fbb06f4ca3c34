import type { TNotification } from "./schemas";

/**
 * How an in-app notification reads and where it leads: its text is
 * `overview.inbox.templates.<template with _ for .>` in the reader's language, filled from the
 * payload (company, city, month, …); its link is the page of what it is about. Plain functions,
 * used by the bell in the browser and by the test that holds every template to a text.
 */

/** The message key of a template: lead.grace_expiry → lead_grace_expiry. */
export function notificationKey(template: string): string {
  return template.replaceAll(".", "_");
}

/** The payload's values that a text may name: strings and numbers only. */
export function notificationArgs(payload: TNotification["payload"]): Record<string, string | number> {
  const args = Object.create(null) as Record<string, string | number>;
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === "string" || typeof value === "number") args[key] = value;
  }
  return args;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page a notification leads to in `orgSlug`, or null when it is about nothing with a page. */
export function notificationHref(
  orgSlug: string,
  n: Pick<TNotification, "template" | "payload">,
): string | null {
  const leadId = n.payload.leadId;
  if (typeof leadId === "string" && UUID.test(leadId)) return `/${orgSlug}/leads/${leadId}`;
  if (n.template.startsWith("ai.")) return `/${orgSlug}/ai`;
  if (n.template.startsWith("system.alert.")) return `/${orgSlug}/system/alerts`;
  return null;
}
