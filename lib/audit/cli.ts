import type { Command } from "@/lib/cli/command";

import { publishedHeads } from "./heads";
import { formatVerifyReport, isBroken, verifyAuditChains } from "./verify";

export const auditCommands: Record<string, Command> = {
  "audit:verify": {
    usage: "audit:verify [--heads FILE]",
    options: ["heads"],
    /**
     * Checks every chain (hashes, links, seals) and every published head in FILE (default
     * AUDIT_HEADS_FILE, when it exists). Prints the first broken event of each broken chain, the
     * first head of each chain that no longer matches, and a summary; exit 1 when anything is broken.
     */
    async run(options) {
      const report = await verifyAuditChains({ heads: await publishedHeads(options.heads) });
      for (const line of formatVerifyReport(report)) console.log(line);
      return isBroken(report) ? 1 : 0;
    },
  },
};
