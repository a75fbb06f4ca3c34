import type { Command } from "@/lib/cli/command";

export const jobsCommands: Record<string, Command> = {};
