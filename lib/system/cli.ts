import { type Command } from "@/lib/cli/command";

import { checkHealth } from "./health";

export const systemCommands: Record<string, Command> = {
  "db:status": {
    usage: "db:status",
    options: [],
    async run() {
      const health = await checkHealth();
      console.log(`database: ${health.database}`);
      console.log(`migrations applied: ${health.migrations.applied}`);
      console.log(`migrations pending: ${health.migrations.pending.join(", ") || "none"}`);
      return health.status === "ok" ? 0 : 1;
    },
  },
};
