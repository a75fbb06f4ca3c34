import { defineConfig, devices } from "@playwright/test";

import { E2E_DATABASE_URL, E2E_ENV, E2E_PORT } from "./e2e/env";

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
  webServer: {
    command: "node scripts/start.mjs",
    url: `http://127.0.0.1:${E2E_PORT}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { ...E2E_ENV, DATABASE_URL: E2E_DATABASE_URL, PORT: String(E2E_PORT), HOST: "127.0.0.1" },
  },
});
