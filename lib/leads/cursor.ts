import "server-only";

import { createHmac, timingSafeEqual } from "node:crypto";

import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

import type { TLeadSort } from "./schemas";

/**
 * Keyset cursors of the lead list: the sort, the sort value of the page's last row as PostgreSQL
 * printed it, and its id. The value goes back into the query as a cast (`::timestamptz`), so a forged
 * one failed there (a 500) — and a made-up position is no business of the caller's either. The
 * server therefore signs every cursor it hands out and reads only cursors it signed for this order.
 */

/** A key of its own, derived from AUTH_SECRET: a cursor's signature can sign nothing else. */
function cursorKey(): Buffer {
  return createHmac("sha256", env().AUTH_SECRET).update("freshplan/lead-list-cursor/v1").digest();
}

function signatureOf(payload: string): Buffer {
  return createHmac("sha256", cursorKey()).update(payload).digest();
}

/** The position after a row, for one sort: `<payload>.<signature>`, both base64url. */
export function encodeCursor(sort: TLeadSort, row: { cursor_value: string; id: string }): string {
  const payload = Buffer.from(JSON.stringify([sort, row.cursor_value, row.id])).toString("base64url");
  return `${payload}.${signatureOf(payload).toString("base64url")}`;
}

/** The position a cursor names; a 400 for one this server did not sign, or signed for another order. */
export function decodeCursor(sort: TLeadSort, cursor: string): { value: string; id: string } {
  const [payload, signature, ...rest] = cursor.split(".");
  const given = Buffer.from(signature ?? "", "base64url");
  const expected = signatureOf(payload);
  if (rest.length === 0 && given.length === expected.length && timingSafeEqual(given, expected)) {
    const [cursorSort, value, id] = JSON.parse(
      Buffer.from(payload, "base64url").toString("utf8"),
    ) as unknown[];
    if (cursorSort === sort && typeof value === "string" && typeof id === "string") return { value, id };
  }
  throw new AppError("bad_request", "The cursor is not valid for this list and order.", {
    fieldErrors: [{ path: "cursor", message: "invalid" }],
  });
}
