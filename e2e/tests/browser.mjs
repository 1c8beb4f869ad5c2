// Shared set-up for the journeys: Debian's Chromium through playwright-core, a fresh profile per user.
import { before, after } from 'node:test';
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

/** One browser per named user for the tests of a file, opened before them and closed after. */
export function browsersFor(...names) {
  const browsers = {};
  before(async () => {
    for (const name of names) browsers[name] = await freshContext();
  });
  after(async () => {
    for (const context of Object.values(browsers)) await context.close();
  });
  return browsers;
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

/** Waits until the token list shown was read for `principal` (its "mine" marks are theirs). */
export async function tokenListFor(page, principal) {
  await page.locator(`[data-testid="token-list"][data-viewer="${principal}"]`).waitFor();
}

export async function openPaymentToken(page) {
  await openToken(page, paymentLedger);
}

export async function balanceText(page) {
  return (await page.getByTestId('balance').textContent()).trim();
}

/** Opens a token's page (logged in) and waits for the balance. */
export async function openToken(page, ledger) {
  await page.goto(`${deployed.app_url}tokens/${ledger}`);
  await page.getByTestId('balance').waitFor();
}

/** A balance text like "987.4999 ICP" as a number of base units (8 decimals), exact. */
export function baseUnits(text) {
  const [amount] = text.split(' ');
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole) * 100_000_000n + BigInt(fraction.padEnd(8, '0'));
}

/** Fills the transfer form and waits for the ledger's consent message. */
export async function reviewTransfer(page, to, amount) {
  await page.getByTestId('transfer-to').fill(to);
  await page.getByTestId('transfer-amount').fill(amount);
  await page.getByTestId('transfer-review').click();
  await page.getByTestId('consent-message').waitFor();
}

/** Waits for the transfer form to say `text` (as notice or error); on timeout, fails with what it said instead. */
export async function waitForFormMessage(page, testId, text, timeout = 30_000) {
  try {
    await page.getByTestId(testId).filter({ hasText: text }).waitFor({ timeout });
  } catch (e) {
    const said = async (id) => (await page.getByTestId(id).textContent().catch(() => '(none)'))?.trim();
    await screenshot(page, `failed-${testId}`).catch(() => {});
    throw new Error(`expected ${testId} to say "${text}"; error says "${await said('transfer-error')}", `
      + `notice says "${await said('transfer-notice')}"`, { cause: e });
  }
}
