"use client";

import { useFormatter } from "next-intl";

/**
 * Numbers of the AI pages in the reader's locale: euros (small amounts with up to four decimals,
 * since a single call costs fractions of a cent), shares, latencies, days and months. Days and
 * months are UTC, as the budget and the dashboard count them.
 */
export function useAiFormat() {
  const format = useFormatter();
  const eur = (value: number) =>
    format.number(value, {
      style: "currency",
      currency: "EUR",
      minimumFractionDigits: 2,
      maximumFractionDigits: value !== 0 && Math.abs(value) < 1 ? 4 : 2,
    });
  return {
    eur,
    /** A price per million tokens: always two decimals, up to four. */
    price: (value: number) =>
      format.number(value, {
        style: "currency",
        currency: "EUR",
        minimumFractionDigits: 2,
        maximumFractionDigits: 4,
      }),
    count: (value: number) => format.number(value),
    percent: (value: number | null) =>
      value === null ? "–" : format.number(value, { style: "percent", maximumFractionDigits: 1 }),
    latency: (ms: number | null) => {
      if (ms === null) return "–";
      return ms < 1000
        ? format.number(ms, { style: "unit", unit: "millisecond", maximumFractionDigits: 0 })
        : format.number(ms / 1000, { style: "unit", unit: "second", maximumFractionDigits: 2 });
    },
    /** "YYYY-MM-DD" → a short date. */
    day: (day: string) =>
      format.dateTime(new Date(`${day}T00:00:00Z`), { day: "2-digit", month: "2-digit", timeZone: "UTC" }),
    /** "YYYY-MM-DD" → a date with weekday, for the table and the bars' labels. */
    longDay: (day: string) =>
      format.dateTime(new Date(`${day}T00:00:00Z`), {
        weekday: "short",
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
        timeZone: "UTC",
      }),
    /** "YYYY-MM" → "November 2026". */
    month: (month: string) =>
      format.dateTime(new Date(`${month}-01T00:00:00Z`), { month: "long", year: "numeric", timeZone: "UTC" }),
    dateTime: (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }),
  };
}
