// Shared set-up for the journeys: Debian's Chromium through playwright-core, a fresh profile per user.
import { chromium } from '../../node_modules/playwright-core/index.mjs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const deployed = JSON.parse(await readFile(process.env.E2E_DEPLOY, 'utf8'));
export const resultsDir = process.env.E2E_RESULTS ?? 'e2e/results';
export const paymentLedger = deployed.config.canisters.payment_ledger;
export const userPrincipal = (name) => deployed.users.find((u) => u.name === name).principal;

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

export async function freshContext() {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'icto-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1200, height: 800 },
  });
  context.setDefaultTimeout(30_000);
  return context;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

/** Logs in through the dev identity provider's window, picking `user`. */
export async function login(context, page, user) {
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByTestId('login').click()]);
  await popup.waitForLoadState();
  await popup.locator('#status', { hasText: 'Choose a test user' }).waitFor();
  await screenshot(popup, `provider-${user}`);
  await popup.locator(`button[data-user="${user}"]`).click();
  await page.getByTestId('principal').waitFor();
  return (await page.getByTestId('principal').textContent()).trim();
}

export async function openPaymentToken(page) {
  await page.goto(`${deployed.app_url}tokens/${paymentLedger}`);
  await page.getByTestId('balance').waitFor();
}

export async function balanceText(page) {
  return (await page.getByTestId('balance').textContent()).trim();
}
