import type { Command } from "@/lib/cli/command";

import { createBackup } from "./backup";
import { runDrill } from "./drill";

/** The operator's backup commands (README, "System tools"). */
export const backupCommands: Record<string, Command> = {
  "backup:create": {
    usage: "backup:create",
    options: [],
    /** pg_dump of the app's database into BACKUP_DIR, recorded, then retention; exit 1 on failure. */
    async run() {
      const result = await createBackup("cli");
      if (result.status === "failed") {
        console.error(`backup failed: ${result.error}`);
        return 1;
      }
      console.log(`backup ${result.id}: ${result.fileName}`);
      console.log(`size: ${result.sizeBytes} bytes, sha256: ${result.sha256}`);
      console.log(`tables: ${result.tables}, rows: ${result.rows}, pruned by retention: ${result.pruned}`);
    },
  },
  "backup:drill": {
    usage: "backup:drill [--backup ID]",
    options: ["backup"],
    /** Restores the latest good backup (or ID) into a scratch database and verifies it; exit 1 when a check fails. */
    async run(options) {
      const result = await runDrill("cli", { backupId: options.backup });
      for (const c of result.checks) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.check}: ${c.detail}`);
      if (result.rtoSeconds !== null) console.log(`RTO: ${result.rtoSeconds.toFixed(1)} s`);
      if (result.rpoSeconds !== null)
        console.log(`RPO: ${result.rpoSeconds.toFixed(0)} s (the backup's age)`);
      console.log(`drill ${result.id}: ${result.status}`);
      return result.status === "passed" ? 0 : 1;
    },
  },
};
