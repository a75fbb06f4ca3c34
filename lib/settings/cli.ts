import type { Command } from "@/lib/cli/command";

export const settingsCommands: Record<string, Command> = {};
