import "server-only";

import { env } from "@/lib/env";

import type { InboxWatcher } from "./idle";

/**
 * Whether and when this server process watches the organisations' inboxes in IMAP IDLE
 * (idle.ts). Kept apart from the watcher, so a process that watches nothing loads none of it.
 */

export type WatcherDecision = { start: true } | { start: false; reason: "build" | "off" | "vercel" | "dev" };

/**
 * Whether this process watches inboxes: MAIL_IDLE=on or off says so; unset, a production server
 * (`next start`, the standalone server) does and Vercel (its functions end; the job polls) and the
 * development server and tests do not. Never while building.
 */
export function watcherDecision(): WatcherDecision {
  const e = env();
  if (e.NEXT_PHASE === "phase-production-build") return { start: false, reason: "build" };
  if (e.MAIL_IDLE === "on") return { start: true };
  if (e.MAIL_IDLE === "off") return { start: false, reason: "off" };
  if (e.VERCEL) return { start: false, reason: "vercel" };
  return e.NODE_ENV === "production" ? { start: true } : { start: false, reason: "dev" };
}

const globalForIdle = globalThis as unknown as {
  freshplanInboxWatcher?: Promise<InboxWatcher | null>;
};

/**
 * Called once per server process from instrumentation.ts: starts the watcher when
 * watcherDecision() says so, and stops it on SIGTERM. Idempotent; never throws.
 */
export function startInboxWatcher(): boolean {
  if (globalForIdle.freshplanInboxWatcher) return true;
  let decision: WatcherDecision;
  try {
    decision = watcherDecision();
  } catch (error) {
    console.error("[mail-idle] not started:", error instanceof Error ? error.message : error);
    return false;
  }
  if (!decision.start) return false;
  globalForIdle.freshplanInboxWatcher = (async () => {
    // Loaded only now: a server that watches nothing does not load imapflow and the inbox reader.
    const { InboxWatcher } = await import("./idle");
    const watcher = new InboxWatcher();
    await watcher.start();
    console.info("[mail-idle] watching the inboxes of mail connections with IMAP (IDLE)");
    return watcher;
  })().catch((error: unknown) => {
    console.error("[mail-idle] start failed", error instanceof Error ? error.message : error);
    return null;
  });
  process.once("SIGTERM", () => void stopInboxWatcher());
  return true;
}

/** Stops this process's watcher, if one runs. */
export async function stopInboxWatcher(): Promise<void> {
  const watcher = globalForIdle.freshplanInboxWatcher;
  globalForIdle.freshplanInboxWatcher = undefined;
  await (await watcher)?.stop();
}
