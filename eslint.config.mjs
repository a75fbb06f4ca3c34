import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

/**
 * Layers point one way: app/ → lib/http (wrappers) → lib/<domain> → lib/db (README, "Layout").
 * A domain's code never imports lib/http or lib/jobs, with one door each for the three files of the
 * template that are the domain's edge toward them:
 * - `actions.ts` builds its server actions with `orgAction` (`@/lib/http/action`);
 * - `openapi.ts` declares its API specs with `defineApi` (`@/lib/http/spec`);
 * - `jobs.ts` declares its jobs with `defineJob` (`@/lib/jobs/definition`).
 * Tests beside the code may drive it through the wrappers and the job runner.
 */
const DOMAINS = ["auth", "audit", "settings", "leads", "ai", "samples", "integrations", "help", "system"];
const domainFiles = (file) => DOMAINS.map((domain) => `lib/${domain}/${file}`);
const TESTS = ["**/*.test.ts", "**/*.test.tsx"];
/** `@/lib/http…`, `@/lib/jobs…` or the same reached by `../` — but never the one module `allowed`. */
const layerImport = (allowed) => ({
  regex: `^(@/lib/|(\\.\\./)+)(?!${allowed ?? "$^"}$)(http|jobs)(/|$)`,
  message:
    "A domain never imports lib/http or lib/jobs (README, Layout): move what it needs into the domain, lib/db or lib/errors.ts.",
});
const layerRule = (allowed) => ["error", { patterns: [layerImport(allowed)] }];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "lib/db/generated/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
  {
    // Environment variables are read in one place, validated: lib/env.ts.
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read environment variables through lib/env.ts.",
        },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Launchers, test harnesses and tool configs set up the environment the app then reads.
    files: [
      "lib/env.ts",
      "scripts/**",
      "e2e/**",
      "playwright.config.ts",
      "next.config.ts",
      "vitest.config.ts",
      "test/**",
      "bench/**",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
  { files: domainFiles("**/*.{ts,tsx}"), ignores: TESTS, rules: { "no-restricted-imports": layerRule() } },
  // A provider folder of a domain (lib/integrations/kas) keeps its own actions.ts beside its service.
  { files: domainFiles("{,*/}actions.ts"), rules: { "no-restricted-imports": layerRule("http/action") } },
  { files: domainFiles("openapi*.ts"), rules: { "no-restricted-imports": layerRule("http/spec") } },
  { files: domainFiles("jobs.ts"), rules: { "no-restricted-imports": layerRule("jobs/definition") } },
  {
    // TEMPORARY: next-auth's configuration is where a sign-in request arrives, so it hands the client
    // address and the sign-in limiter (both lib/http) to verifyCredentials. Remove this door when the
    // configuration moves to the http layer; do not add more.
    files: ["lib/auth/auth.ts"],
    rules: { "no-restricted-imports": layerRule("http/(client-ip|rate-limit)") },
  },
  {
    // No import cycles in lib/: a module's dependencies load before it, so layers can be read bottom-up.
    files: ["lib/**/*.{ts,tsx}"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
]);
