/**
 * A field-by-field comparison of an event's before and after values, for the audit page. Nested
 * objects become dotted paths (`address.city`); arrays and scalars are compared as whole values.
 */
export type DiffKind = "added" | "removed" | "changed" | "unchanged";

export interface DiffLine {
  path: string;
  kind: DiffKind;
  /** The value as text (strings as they are, everything else as JSON); undefined when absent. */
  before?: string;
  after?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix, typeof value === "string" ? value : JSON.stringify(value));
}

/** The fields of a before/after value; a value that is not an object is the single field "". */
function fields(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (value !== null && value !== undefined) flatten(value, "", out);
  return out;
}

export function diffValues(before: unknown, after: unknown): DiffLine[] {
  const a = fields(before);
  const b = fields(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.map((path) => {
    const was = a.get(path);
    const now = b.get(path);
    const kind: DiffKind =
      was === undefined ? "added" : now === undefined ? "removed" : was === now ? "unchanged" : "changed";
    return { path, kind, before: was, after: now };
  });
}
