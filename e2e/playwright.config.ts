// Playwright Test configuration for ptce's browser tests.
//
// The browser is Debian's Chromium (/usr/bin/chromium, installed by scripts/ci/chromium.sh); no
// browser is ever downloaded (never `npx playwright install`). The server under test is the real
// binary, started by Playwright on a fresh SQLite database in a temporary directory, or on
// PostgreSQL when E2E_DATABASE_URL is set.
//
// Environment:
//   PTCE_BIN          server binary (default ../target/debug/ptce, relative to this folder)
//   E2E_PORT          port the server listens on (default 18080)
//   E2E_DATABASE_URL  database for the server (default sqlite://<temp dir>/e2e.db)
//   CHROMIUM          browser executable (default /usr/bin/chromium)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 18080);
const origin = `http://127.0.0.1:${port}`;
const bin = path.resolve(__dirname, process.env.PTCE_BIN || '../target/debug/ptce');

// The config is evaluated again in every worker process: create the temporary directory once, in
// the main process, and hand it down through the environment that the workers inherit.
if (!process.env.PTCE_E2E_TMP) {
  process.env.PTCE_E2E_TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'ptce-e2e-'));
}
const tmp = process.env.PTCE_E2E_TMP;
const databaseUrl = process.env.E2E_DATABASE_URL || `sqlite://${tmp}/e2e.db`;

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: origin,
    // A French visitor: the server picks the locale from cookie → Accept-Language → fr, and
    // Playwright would otherwise send Accept-Language: en-US.
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
          // Without the background-networking flags, Chromium's own connections to Google are
          // refused by the closed network, many at a time (see the machine notes).
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `"${bin}" serve`,
    url: `${origin}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: databaseUrl,
      BIND: `127.0.0.1:${port}`,
      BASE_URL: origin,
      MAIL_DIR: `${tmp}/mail`,
    },
  },
});
