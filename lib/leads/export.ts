import "server-only";

import { berlinTime, csvRow, UTF8_BOM } from "@/lib/audit/csv";
import { recordAudit } from "@/lib/audit/service";
import { withOrg, type MemberContext } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";

import { listLeadRows, type LeadListRow } from "./queries";
import type { TExportLeads } from "./schemas";
import { leadListFilter } from "./service";

/**
 * The lead list as CSV (GET /api/v1/leads/export): the list's own filters, order and visibility —
 * the same query under the same row-level security, so a partner exports exactly what they may
 * list — read in keyset batches, each in its own short transaction, and streamed. RFC 4180 with
 * formula-safe cells and a UTF-8 BOM (lib/audit/csv.ts); the headers and the status in the reader's
 * language, times as Europe/Berlin wall clock. The export is audited (`lead.exported`) before the
 * first row leaves.
 */

export const LEAD_EXPORT_BATCH = 500;
/** No export runs longer than this many rows (far more leads than an organisation has). */
export const LEAD_EXPORT_CAP = 50_000;

export const LEAD_CSV_COLUMNS = [
  "company",
  "city",
  "industry",
  "owner",
  "status",
  "registeredAt",
  "protectedUntil",
  "graceUntil",
  "lastActivity",
  "dueSoon",
  "holdOpen",
  "id",
] as const;

export function leadCsvHeader(locale: Locale): string[] {
  const texts = MESSAGES[locale].leads.export.columns;
  return LEAD_CSV_COLUMNS.map((column) => texts[column]);
}

function leadCsvRecord(r: LeadListRow, locale: Locale): (string | null)[] {
  const texts = MESSAGES[locale].leads;
  const time = (d: Date | null) => (d ? berlinTime(d) : null);
  const yesNo = (b: boolean | null) => (b ? texts.export.yes : texts.export.no);
  return [
    r.company_name,
    r.city,
    r.industry,
    r.owner_name ?? (r.owner_user_id ? "" : texts.noOwner),
    r.status ? texts.status[r.status] : null,
    time(r.registered_at),
    time(r.valid_until),
    time(r.grace_until),
    time(r.last_qual_activity_at),
    yesNo(r.due_soon),
    yesNo(r.hold_open),
    r.id,
  ];
}

export async function exportLeads(
  ctx: MemberContext,
  query: TExportLeads,
  locale: Locale,
  { batch = LEAD_EXPORT_BATCH, cap = LEAD_EXPORT_CAP }: { batch?: number; cap?: number } = {},
): Promise<AsyncGenerator<string>> {
  const filter = leadListFilter(ctx, query);
  // Listing needs no permission beyond membership (RLS decides the rows); the export is recorded.
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "lead.exported",
      resourceType: "lead",
      after: {
        filter: Object.fromEntries(Object.entries(query).filter(([key]) => key !== "lang")),
        format: "csv",
      },
    }),
  );

  async function* chunks(): AsyncGenerator<string> {
    yield UTF8_BOM + csvRow(leadCsvHeader(locale));
    let after: { value: string; id: string } | undefined;
    let written = 0;
    while (written < cap) {
      const size = Math.min(batch, cap - written);
      const rows = await withOrg(ctx, (tx) => listLeadRows(tx, { ...filter, after, limit: size }));
      const page = rows.slice(0, size);
      if (page.length > 0) yield page.map((r) => csvRow(leadCsvRecord(r, locale))).join("");
      written += page.length;
      if (rows.length <= size) return;
      const last = page[page.length - 1];
      after = { value: last.cursor_value, id: last.id };
    }
  }

  return chunks();
}
