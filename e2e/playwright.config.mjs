// Playwright Test for the browser journeys. e2e/run starts devnet, deploys, and runs this with the deploy's
// summary in E2E_DEPLOY. One worker: every journey shares one devnet. Each project plays the journeys with
// its own test users (see `cast`), so balances one project changes are not the other's; the distribution
// journeys have users of their own (issuer, holder, joiner), and so do the wallet journeys (signer, cosigner, payee), so the token journey's balances stay exact. The first test user
// (alice) is not cast: the deploy spends from her account to pay for the demo token.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';

const results = process.env.E2E_RESULTS ?? path.resolve(import.meta.dirname, 'results');

/** Debian's Chromium (no Playwright browser download here); CHROMIUM overrides. */
function chromiumPath() {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); set CHROMIUM`);
  return found;
}

export default defineConfig({
  testDir: 'tests',
  testMatch: '*.spec.mjs',
  outputDir: path.join(results, 'artifacts'),
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Generous: a loaded 2-core machine runs devnet, the deploy's canisters and Chromium at once.
  timeout: 300_000,
  expect: { timeout: 60_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: path.join(results, 'html'), open: 'never' }],
    ['json', { outputFile: path.join(results, 'results.json') }],
  ],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    },
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      use: { viewport: { width: 1280, height: 800 }, cast: { alice: 'bob', bob: 'carol', carol: 'dave', issuer: 'heidi', holder: 'ivan', joiner: 'judy', signer: 'peggy', cosigner: 'rupert', payee: 'sybil' } },
    },
    {
      name: 'phone',
      use: {
        viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
        cast: { alice: 'erin', bob: 'frank', carol: 'grace', issuer: 'mallory', holder: 'niaj', joiner: 'olivia', signer: 'trent', cosigner: 'victor', payee: 'walter' },
      },
    },
  ],
});
