// `prisma generate` without network access. Prisma 7's CLI wants a native schema engine for every
// command and tries to download one; the generator itself is WASM and never runs it, so any existing
// file satisfies the check (verified to install on these machines). Runs on postinstall.
import { spawnSync } from "node:child_process";

const result = spawnSync("node_modules/.bin/prisma", ["generate", "--schema", "prisma/schema.prisma"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
