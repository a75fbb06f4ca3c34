import "server-only";

import type { ImapFlow } from "imapflow";

import { systemContext, withContext, withOrg, type DbContext } from "@/lib/db";

import { redactError } from "../errors";
import { flushCallRecords } from "../resilience";
import { imapTargetOf, openMailConnection } from "./connection";
import { imapClient, imapError, type ImapTarget } from "./imap";
import { pollOrgInbox, type InboxCounts, type InboxOptions } from "./inbox";

/**
 * The inbox watcher ("IDLE where offered, else polling"), for self-hosted instances: per
 * organisation with an enabled mail connection that names an IMAP host, one imapflow connection
 * waits in IDLE on the mailbox — only when the server's CAPABILITY names IDLE; otherwise the job
 * mail-inbox-poll alone reads it. When the server reports new messages (EXISTS) the watcher runs
 * the same one-organisation read as the job (pollOrgInbox in inbox.ts, over a connection of its
 * own), so a suggestion appears within seconds. A read that reports more while one runs is run
 * once more afterwards. A lost connection is opened again after a capped exponential backoff with
 * full jitter; the connections are read again every few minutes (new, changed, disabled). The job
 * stays as the fallback: it catches what arrives while a watch reconnects, and runs on Vercel.
 *
 * Started from instrumentation.ts when `watcherDecision()` (idle-start.ts) says so (env MAIL_IDLE);
 * stopped on SIGTERM. Several instances may each watch: a message is recorded once (inbox.ts), whoever reads it.
 */

export interface WatcherOptions {
  /** How often the connections are read again. */
  refreshMs?: number;
  /** The backoff of a lost connection: the first wait and its cap. */
  backoff?: { initialMs: number; maxMs: number };
  inbox?: InboxOptions;
  /** After each read (tests, logs). */
  onRead?: (orgId: string, counts: Omit<InboxCounts, "orgs" | "orgsFailed">) => void;
}

const DEFAULTS = { refreshMs: 5 * 60_000, backoff: { initialMs: 2_000, maxMs: 5 * 60_000 } };

export type WatchState = "connecting" | "idle" | "no_idle" | "backoff" | "stopped";

/** One organisation's watch of one connection's mailbox. */
class Watch {
  state: WatchState = "connecting";
  private client: ImapFlow | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  readonly done: Promise<void>;

  constructor(
    readonly orgId: string,
    /** connection id and updatedAt: a changed connection is a new watch. */
    readonly key: string,
    private readonly target: ImapTarget,
    private readonly options: Required<Pick<WatcherOptions, "backoff">> & WatcherOptions,
    private readonly system: DbContext,
  ) {
    this.done = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    let connectedAt = 0;
    while (!this.stopped) {
      const client = imapClient(this.target, { idle: true });
      this.client = client;
      // imapflow reports socket trouble as an event too; the closed connection ends the IDLE below.
      client.on("error", () => undefined);
      try {
        this.state = "connecting";
        await client.connect();
        if (!client.capabilities.has("IDLE")) {
          this.state = "no_idle";
          console.info(`[mail-idle] organisation ${this.orgId}: the server offers no IDLE; polling reads it`);
          await client.logout().catch(() => undefined);
          return;
        }
        await client.mailboxOpen(this.target.mailbox, { readOnly: true });
        client.on("exists", () => this.read());
        connectedAt = Date.now();
        // What arrived while the watch was away.
        this.read();
        this.state = "idle";
        // Each IDLE ends after maxIdleTime (imapflow) and is renewed; a closed connection ends it.
        while (!this.stopped && client.usable) {
          if ((await client.idle()) === false) throw new Error("IDLE failed");
        }
      } catch (error) {
        if (!this.stopped) {
          console.warn(`[mail-idle] organisation ${this.orgId}: ${redactError(imapError(error).message)}`);
        }
      } finally {
        client.close();
        this.client = null;
      }
      if (this.stopped) break;
      // A connection that lasted a while starts the backoff over; one dropped at once does not.
      failures = connectedAt > 0 && Date.now() - connectedAt > 60_000 ? 1 : failures + 1;
      connectedAt = 0;
      const { initialMs, maxMs } = this.options.backoff;
      this.state = "backoff";
      await this.sleep(Math.random() * Math.min(maxMs, initialMs * 2 ** (failures - 1)));
    }
    this.state = "stopped";
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Reads the organisation's inbox now, or once more after the read that runs. */
  private read(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        try {
          const counts = await pollOrgInbox({ ...this.system, orgId: this.orgId }, this.options.inbox);
          await flushCallRecords();
          this.options.onRead?.(this.orgId, counts);
        } catch (error) {
          console.error(`[mail-idle] organisation ${this.orgId}: read failed`, redactError(String(error)));
        }
      } while (this.readAgain && !this.stopped);
    })().finally(() => {
      this.reading = null;
    });
  }

  /** Closes the connection at once and waits for a read in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.client?.close();
    this.wake?.();
    await this.done;
    await this.reading;
  }
}

export class InboxWatcher {
  private readonly watches = new Map<string, Watch>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly options: Required<Pick<WatcherOptions, "backoff" | "refreshMs">> & WatcherOptions;
  private readonly system = systemContext("mail-idle");
  private stopped = false;

  constructor(options: WatcherOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Reads the connections and watches them; then again every `refreshMs`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
    this.timer.unref();
  }

  /** Each watched organisation and its state. */
  states(): Map<string, WatchState> {
    return new Map([...this.watches].map(([orgId, watch]) => [orgId, watch.state]));
  }

  /** Starts watches for new connections, restarts changed ones, stops those gone or disabled. */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    if (this.refreshing) return this.refreshing;
    this.refreshing = this.reconcile().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async reconcile(): Promise<void> {
    const wanted = new Map<string, { key: string; target: ImapTarget }>();
    try {
      const orgIds = await withContext(
        this.system,
        (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_job_org_ids() AS id`,
      );
      for (const { id: orgId } of orgIds) {
        const found = await withOrg({ ...this.system, orgId }, async (tx) => {
          const connection = await openMailConnection(tx, orgId);
          if (!connection || connection === "incomplete") return null;
          const target = imapTargetOf(connection.settings, connection.secrets);
          return target && { key: `${connection.id}:${connection.updatedAt.toISOString()}`, target };
        });
        if (found) wanted.set(orgId, found);
      }
    } catch (error) {
      // The database is away: keep the watches as they are and try at the next refresh.
      console.error("[mail-idle] reading the connections failed", redactError(String(error)));
      return;
    }
    const stopping: Promise<void>[] = [];
    for (const [orgId, watch] of this.watches) {
      if (wanted.get(orgId)?.key !== watch.key) {
        this.watches.delete(orgId);
        stopping.push(watch.stop());
      }
    }
    await Promise.all(stopping);
    if (this.stopped) return;
    for (const [orgId, { key, target }] of wanted) {
      if (!this.watches.has(orgId))
        this.watches.set(orgId, new Watch(orgId, key, target, this.options, this.system));
    }
  }

  /** Stops every watch: connections closed at once, then reads in flight finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const stopAll = () => {
      const watches = [...this.watches.values()];
      this.watches.clear();
      return Promise.all(watches.map((watch) => watch.stop()));
    };
    const stopping = stopAll();
    await this.refreshing;
    await Promise.all([stopping, stopAll()]);
  }
}
