import type { Command } from "@/lib/cli/command";

import { formatVerifyReport, verifyAuditChains } from "./verify";

export const auditCommands: Record<string, Command> = {
  "audit:verify": {
    usage: "audit:verify",
    options: [],
    /** Prints the first broken event of each broken chain and a summary; exit 1 when any is broken. */
    async run() {
      const report = await verifyAuditChains();
      for (const line of formatVerifyReport(report)) console.log(line);
      if (report.broken.length > 0) process.exitCode = 1;
    },
  },
};
