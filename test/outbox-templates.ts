import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { PASSWORD_LINK_TEMPLATES } from "@/lib/auth/password-links";
import { LEAD_TEMPLATES } from "@/lib/leads/outbox";
import { FEEDBACK_TEMPLATES } from "@/lib/samples/portal";
import { ALERT_TEMPLATES } from "@/lib/system/alerts";

// The templates the app writes to the notification outbox, found where it writes them: `template:
// "…"` in lib, the lead and feedback templates' constants, and the outbox inserts in the SQL
// migrations. The e-mail texts' test and the in-app inbox's test both hold every one of them to a text.

const root = path.resolve(import.meta.dirname, "..");
const TEMPLATE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : files(full, pattern);
    return pattern.test(entry.name) && !entry.name.includes(".test.") ? [full] : [];
  });
}

export function writtenTemplates(): Set<string> {
  const names = new Set<string>([
    ...Object.values(LEAD_TEMPLATES),
    ...Object.values(FEEDBACK_TEMPLATES),
    ...Object.values(PASSWORD_LINK_TEMPLATES),
    ...Object.values(ALERT_TEMPLATES),
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

/**
 * Templates that never reach an in-app inbox: a customer's invitations (to an address only, policy
 * notification_outbox_insert_customer) and a member's set-password links (e-mail only: whoever
 * needs one cannot sign in to read an inbox).
 */
export const NO_INBOX_TEMPLATES: readonly string[] = [
  FEEDBACK_TEMPLATES.invitation,
  FEEDBACK_TEMPLATES.reminder,
  ...Object.values(PASSWORD_LINK_TEMPLATES),
];
