import { defineConfig, devices } from "@playwright/test";

import {
  E2E_AI_ENV,
  E2E_AI_PORT,
  E2E_DATABASE_URL,
  E2E_ENV,
  E2E_FAKE_OPENAI_PORT,
  E2E_PORT,
} from "./e2e/env";

// Browser tests in Debian's Chromium (never a downloaded browser), against the production build
// (`npm run build` first) on a database of their own, prepared by e2e/global-setup.ts.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    // On the phone: the customer's portal, the shell every member meets (sign-in, navigation,
    // language, organisations), and one walk over every page for sideways scrolling. The areas'
    // journeys run on desktop; CI's 25 minutes have no room to run them twice.
    {
      name: "phone",
      testMatch: /\/(feedback|shell|pages)\.spec\.ts$/,
      use: { ...devices["Pixel 7"], launchOptions: chromium },
    },
  ],
  // Started in this order, each once the one before answers: the app without AI (every spec but the
  // AI journeys, which see "not configured" here), the fake OpenAI, and a second server of the same
  // build on the same database whose provider is that fake (E2E_AI_URL, for e2e/help-journey.spec.ts).
  webServer: [
    {
      command: "node scripts/start.mjs",
      url: `http://127.0.0.1:${E2E_PORT}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ...E2E_ENV, DATABASE_URL: E2E_DATABASE_URL, PORT: String(E2E_PORT), HOST: "127.0.0.1" },
    },
    {
      command: "node_modules/.bin/tsx e2e/fake-ai-server.ts",
      // Without the key the fake answers 401, which counts as up.
      url: `http://127.0.0.1:${E2E_FAKE_OPENAI_PORT}/v1/models`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/start.mjs",
      url: `http://127.0.0.1:${E2E_AI_PORT}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...E2E_ENV,
        ...E2E_AI_ENV,
        DATABASE_URL: E2E_DATABASE_URL,
        PORT: String(E2E_AI_PORT),
        HOST: "127.0.0.1",
      },
    },
  ],
});
