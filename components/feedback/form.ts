/**
 * The feedback form's fields ⇄ the portal's draft and submission. Pure and dependency-free: the
 * server reads a posted form with it (no JavaScript) and the browser builds its autosave draft with
 * it (components/feedback/AutoSave.tsx), so both paths save exactly the same thing.
 *
 * Field names: `items.<i>.sku` (hidden), `items.<i>.rating` (1–5), `items.<i>.comment`,
 * `items.<i>.wouldReorder` (checkbox), `contact.name`, `contact.role`.
 */
export const CONTACT_ROLES = ["CHEF", "BUYER", "GM", "OTHER"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface DraftItem {
  sku: string;
  rating?: number;
  comment?: string;
  wouldReorder?: boolean;
}
export interface FormDraft {
  contact?: { name?: string; role?: ContactRole };
  items?: DraftItem[];
}
export interface FormSubmission {
  contact: { name: string; role: ContactRole };
  items: (DraftItem & { rating: number })[];
}

/** Reads a field by name; `get` is FormData's or a null-prototype record's lookup. */
type Fields = (name: string) => string | undefined;

export function fieldReader(form: FormData | Record<string, FormDataEntryValue>): Fields {
  return (name) => {
    const value = form instanceof FormData ? form.get(name) : form[name];
    return typeof value === "string" ? value : undefined;
  };
}

const MAX_ITEMS = 50;

/** The whole form as a draft (a draft replaces the saved one). Unknown values are left out. */
export function draftFromFields(get: Fields): FormDraft {
  const items: DraftItem[] = [];
  for (let i = 0; i < MAX_ITEMS; i++) {
    const sku = get(`items.${i}.sku`);
    if (sku === undefined) break;
    const item: DraftItem = { sku, wouldReorder: get(`items.${i}.wouldReorder`) !== undefined };
    const rating = Number(get(`items.${i}.rating`));
    if (Number.isInteger(rating) && rating >= 1 && rating <= 5) item.rating = rating;
    const comment = get(`items.${i}.comment`)?.trim();
    if (comment) item.comment = comment.slice(0, 2000);
    items.push(item);
  }
  const name = get("contact.name")?.trim().slice(0, 120);
  const role = CONTACT_ROLES.find((r) => r === get("contact.role"));
  const contact: FormDraft["contact"] = {};
  if (name) contact.name = name;
  if (role) contact.role = role;
  return { contact, items };
}

/**
 * A draft as a submission, or the paths of what is missing: the contact's name and role, at least one
 * rated product, and a rating for every product with a comment or a tick (a product the customer
 * did not test may stay unrated; it is not sent).
 */
export function submissionFromDraft(
  draft: FormDraft,
): { ok: true; submission: FormSubmission } | { ok: false; missing: string[] } {
  const missing: string[] = [];
  const name = draft.contact?.name;
  const role = draft.contact?.role;
  if (!name) missing.push("contact.name");
  if (!role) missing.push("contact.role");
  const items = draft.items ?? [];
  const rated = items.filter((i): i is DraftItem & { rating: number } => i.rating !== undefined);
  if (rated.length === 0) missing.push("items");
  // A comment or a tick without a rating would be lost: ask for the rating instead.
  items.forEach((item, i) => {
    if (item.rating === undefined && (item.comment || item.wouldReorder)) missing.push(`items.${i}`);
  });
  if (!name || !role || missing.length > 0) return { ok: false, missing };
  return { ok: true, submission: { contact: { name, role }, items: rated } };
}

/** The value a product's fields start with, from the saved draft. */
export function draftItemFor(draft: FormDraft, sku: string): DraftItem | undefined {
  return draft.items?.find((i) => i.sku === sku);
}
