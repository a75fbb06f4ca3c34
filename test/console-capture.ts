import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";

export interface Captured {
  stdout: string[];
  stderr: string[];
}

const current = new AsyncLocalStorage<Captured>();
let installed = false;

/**
 * Runs `fn` with what it writes to the console (log and info to stdout, error and warn to stderr)
 * collected instead of printed. Calls may run side by side: each collects only its own output,
 * followed through its awaits; everything else prints as before.
 */
export async function captureConsole<T>(fn: () => Promise<T>): Promise<{ result: T } & Captured> {
  install();
  const captured: Captured = { stdout: [], stderr: [] };
  const result = await current.run(captured, fn);
  return { result, ...captured };
}

function install() {
  if (installed) return;
  installed = true;
  for (const [method, stream] of [
    ["log", "stdout"],
    ["info", "stdout"],
    ["error", "stderr"],
    ["warn", "stderr"],
  ] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const captured = current.getStore();
      if (captured) captured[stream].push(format(...args));
      else original(...args);
    };
  }
}
