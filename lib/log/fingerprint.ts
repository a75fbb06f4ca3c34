import { createHash } from "node:crypto";

/**
 * How log lines are grouped on the Logs page: the same message template from the same place in
 * the code is one group, however its numbers, ids and quoted values differ. The template is the
 * message with those replaced; the place is the first stack frame of the app's own code (not
 * node_modules, not Node.js, not the logger). The fingerprint is the sha-1 of both.
 */

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX = /\b(?:0x)?[0-9a-f]*\d[0-9a-f]*\b/gi;
const QUOTED = /"[^"]*"|'[^']*'|`[^`]*`/g;
const NUMBER = /\b\d+(?:[.,]\d+)*\b/g;
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?/g;

/** The message with what varies between occurrences replaced: ids, times, numbers, quoted values. */
export function messageTemplate(message: string): string {
  return message
    .replace(ISO_TIME, "<time>")
    .replace(UUID, "<id>")
    .replace(QUOTED, "<str>")
    .replace(NUMBER, "<n>")
    .replace(HEX, (run) => (/^[a-f]+$/i.test(run) ? run : "<n>"))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 500);
}

const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):\d+\)?\s*$/;

/** The first frame of the app's own code in a stack, as `path:line` relative to the app's root. */
export function firstAppFrame(stack: string | undefined, root: string = process.cwd()): string | null {
  if (!stack) return null;
  for (const line of stack.split("\n").slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const file = match[1].replace(/^file:\/\//, "");
    if (/node_modules|^node:|\(node:|internal\/|\/lib\/log\/|[\\/]pino[\\/]/.test(file)) continue;
    const relative = file.startsWith(root) ? file.slice(root.length).replace(/^[\\/]/, "") : file;
    return `${relative}:${match[2]}`.slice(0, 500);
  }
  return null;
}

export function fingerprint(message: string, location: string | null): string {
  return createHash("sha1")
    .update(`${messageTemplate(message)}\n${location ?? ""}`)
    .digest("hex");
}
