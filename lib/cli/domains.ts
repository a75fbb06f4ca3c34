import type { Command } from "./command";

/**
 * Each domain's operator commands, loaded when a command of its prefix runs: `users:create` loads
 * only lib/auth/cli.ts. The jobs' registry alone pulls in every domain, which would cost every
 * short command seconds of start-up (the browser tests run hundreds). `help` loads them all.
 * domains.test.ts holds every command to its prefix's loader.
 */
const auth = async () => (await import("@/lib/auth/cli")).authCommands;

export const DOMAINS: Readonly<Record<string, () => Promise<Record<string, Command>>>> = {
  users: auth,
  orgs: auth,
  tokens: auth,
  audit: async () => (await import("@/lib/audit/cli")).auditCommands,
  settings: async () => (await import("@/lib/settings/cli")).settingsCommands,
  jobs: async () => (await import("@/lib/jobs/cli")).jobsCommands,
  db: async () => (await import("@/lib/system/cli")).systemCommands,
  backup: async () => (await import("@/lib/system/backup-cli")).backupCommands,
  integrations: async () => (await import("@/lib/integrations/cli")).integrationsCommands,
};

/** Every command of every domain (for help). */
export async function allCommands(): Promise<Record<string, Command>> {
  const all: Record<string, Command> = {};
  for (const load of new Set(Object.values(DOMAINS))) Object.assign(all, await load());
  return all;
}

/** The command `name`, loading only its domain; undefined when there is none. */
export async function commandNamed(name: string): Promise<Command | undefined> {
  const prefix = name.split(":")[0];
  const commands = Object.hasOwn(DOMAINS, prefix) ? await DOMAINS[prefix]() : {};
  return Object.hasOwn(commands, name) ? commands[name] : undefined;
}
