"use client";

import { useSyncExternalStore } from "react";

/**
 * Time on the client: a shared clock that ticks every 30 seconds, the countdown to a deadline, and
 * the conversion between `<input type="datetime-local">` (the browser's time zone) and ISO 8601.
 */

let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Moves the shared clock to now at once, e.g. after a change the server has just made. */
export function tickNow() {
  if (listeners.size === 0) return;
  now = Date.now();
  for (const l of listeners) l();
}

const clientNow = () => now || (now = Date.now());
const serverNow = () => null;

/** Milliseconds since the epoch; null while rendering on the server and hydrating, so the server's
 *  and the browser's first render agree and countdowns appear once the browser knows its clock. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, clientNow, serverNow);
}

export type Countdown = { unit: "days" | "hours" | "minutes"; count: number } | { unit: "passed"; count: 0 };

/** Whole days while at least two are left, then hours, then minutes — always rounded down. */
export function countdown(targetIso: string, nowMs: number): Countdown {
  const ms = Date.parse(targetIso) - nowMs;
  if (ms <= 0) return { unit: "passed", count: 0 };
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return { unit: "minutes", count: Math.max(1, minutes) };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: "hours", count: hours };
  return { unit: "days", count: Math.floor(hours / 24) };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** ISO 8601 → the value of a datetime-local input, in the browser's time zone ("" for nothing). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
