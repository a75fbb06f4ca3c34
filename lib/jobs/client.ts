import "server-only";

import { Inngest } from "inngest";

import { inngestConfig, type InngestConfig } from "@/lib/env";

/** The app's id at Inngest: functions appear as `freshplan-admin-<job id>`. */
export const INNGEST_APP_ID = "freshplan-admin";

/**
 * An Inngest client for the given configuration, passed explicitly so the SDK's own reading of
 * INNGEST_* variables cannot pick another mode than lib/env.ts did. Without a configuration (tests,
 * the local scheduler) the client only defines functions; nothing is sent or served with it.
 */
export function createInngestClient(config: InngestConfig | undefined): Inngest {
  if (config?.mode === "cloud") {
    return new Inngest({
      id: INNGEST_APP_ID,
      isDev: false,
      signingKey: config.signingKey,
      signingKeyFallback: config.signingKeyFallback,
      eventKey: config.eventKey,
      baseUrl: config.baseUrl,
    });
  }
  return new Inngest({ id: INNGEST_APP_ID, isDev: true, baseUrl: config?.baseUrl });
}

const globalForInngest = globalThis as unknown as { freshplanInngest?: Inngest };

/** This process's client, configured from the environment. */
export function inngestClient(): Inngest {
  globalForInngest.freshplanInngest ??= createInngestClient(inngestConfig());
  return globalForInngest.freshplanInngest;
}
