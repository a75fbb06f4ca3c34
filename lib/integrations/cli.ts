import type { Command } from "@/lib/cli/command";
import type { DbContext } from "@/lib/db";

import { rotateIntegrationKeys } from "./rotate";

const operator: DbContext = {
  orgId: null,
  userId: null,
  roles: ["system"],
  actor: { type: "system", id: "cli:integrations:rotate-key" },
};

export const integrationsCommands: Record<string, Command> = {
  "integrations:rotate-key": {
    usage:
      "integrations:rotate-key   # re-encrypt every connection's secrets under INTEGRATIONS_KEY (old key in INTEGRATIONS_KEY_PREVIOUS); exit 1 if a row failed",
    options: [],
    async run() {
      const counts = await rotateIntegrationKeys(operator);
      for (const [name, value] of Object.entries(counts)) console.log(`${name}: ${value}`);
      return counts.failed > 0 ? 1 : 0;
    },
  },
};
