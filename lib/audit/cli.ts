import type { Command } from "@/lib/cli/command";

export const auditCommands: Record<string, Command> = {};
