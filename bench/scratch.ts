// What the benchmarks share: their command-line options, the PostgreSQL server they measure on
// (TEST_DATABASE_URL, else the local one), a scratch database there, and percentiles.
import { randomBytes } from "node:crypto";

import pg from "pg";

/** `--name=value` from the command line, as text (undefined when not given). */
export const textOption = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];

/** `--name=value` from the command line, as a number, or the fallback. */
export const numberOption = (name: string, fallback: number): number => Number(textOption(name) ?? fallback);

/** The server the benchmarks create their databases on. */
export const serverUrl = new URL(
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres",
);

/** A fresh database name `<prefix>_<random hex>` and its URL on that server (not created yet). */
export function scratchDatabase(prefix: string): { name: string; url: URL } {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url };
}

/** Runs `work` with a client of the server's own database (CREATE and DROP DATABASE). */
export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The p-th percentile (0–100) of ascending values: the value below which p % of them lie. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
