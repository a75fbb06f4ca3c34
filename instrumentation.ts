// Next.js calls register() once when a server process starts (never during `next build`). Here it
// makes the process the last proxy hop, so the app learns each request's socket address
// (lib/http/client-ip.ts), and starts the local job scheduler, unless Inngest runs the jobs or
// LOCAL_SCHEDULER=off (lib/jobs/start.ts decides, reading the environment through lib/env.ts), and
// the inbox watcher (IMAP IDLE) unless MAIL_IDLE or the platform says otherwise.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is no setting but a constant Next.js writes into each bundle of this file. Compared
  // literally, it lets the bundler drop the Node-only modules (pg, Prisma) from the Edge bundle;
  // behind a function of lib/env.ts they would be bundled for Edge too (checked with next build).
  // eslint-disable-next-line no-restricted-syntax -- a compile-time constant, see above
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { listenAsLastHop } = await import("@/lib/http/client-ip");
  listenAsLastHop();
  const { startLocalScheduler } = await import("@/lib/jobs/start");
  startLocalScheduler();
  // IMAP IDLE on the organisations' inboxes, unless MAIL_IDLE=off (lib/integrations/mail/idle.ts).
  const { startInboxWatcher } = await import("@/lib/integrations/mail/idle-start");
  startInboxWatcher();
}
