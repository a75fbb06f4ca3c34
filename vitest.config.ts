import path from "node:path";

import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// Two tiers (README, "Tests"): `unit` is pure and needs no database; `integration` runs against a
// real PostgreSQL (TEST_DATABASE_URL), each file in its own copy of a freshly migrated template.
// bench/ holds benchmarks, not tests; only the tests of their datasets, profiles and replay run.
const ignored = ["**/node_modules/**", ".next/**", ".data/**", "e2e/**", "test-results/**"];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // lib modules `import "server-only"`, which throws outside the react-server condition.
      { find: /^server-only$/, replacement: path.join(root, "test/server-only.ts") },
    ],
  },
  test: {
    environment: "node",
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses: let
    // Vite resolve it (only the API wrapper's tests load next-auth; its session path is not used).
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["**/*.test.ts"],
          exclude: [...ignored, "**/*.int.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          include: ["**/*.int.test.ts"],
          exclude: ignored,
          globalSetup: ["test/global-setup.ts"],
          setupFiles: ["test/db-setup.ts"],
          // One worker per core; every file has its own database, so they do not interfere.
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
