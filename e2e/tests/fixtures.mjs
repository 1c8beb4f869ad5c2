// Shared set-up for the journeys: Playwright Test fixtures and helpers. A journey file opens one browser
// context per user it plays (`browsersFor`), in the project's viewport; each project casts its own deployed
// test users as alice, bob and carol (playwright.config.mjs), so the desktop and phone runs never share a
// balance.
import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export { expect };
export const deployed = JSON.parse(readFileSync(process.env.E2E_DEPLOY, 'utf8'));
export const resultsDir = process.env.E2E_RESULTS ?? path.resolve(import.meta.dirname, '../results');
export const paymentLedger = deployed.config.canisters.payment_ledger;
export const principalOf = (name) => deployed.users.find((u) => u.name === name).principal;
/** The deploy makes its demo token for the first test user. */
export const demoTokenOwner = deployed.users[0].name;

export const test = base.extend({
  /** Which deployed test user plays each role in this project. */
  cast: [{ alice: 'bob', bob: 'carol', carol: 'dave' }, { option: true, scope: 'worker' }],
});

/**
 * One browser context per role for the tests of a file (which run in order), opened before them in the
 * project's viewport and closed after. Returns the contexts by role and the users playing them.
 */
export function browsersFor(...args) {
  const { serial = true } = typeof args[0] === 'object' ? args.shift() : {};
  const roles = args;
  const browsers = {};
  const users = {};
  // Journeys build on the previous test's state: a failure skips the rest of the file.
  if (serial) test.describe.configure({ mode: 'serial' });
  test.beforeAll(async ({ browser, cast }, testInfo) => {
    const { viewport, isMobile, hasTouch, deviceScaleFactor } = testInfo.project.use;
    for (const role of roles) {
      users[role] = cast[role] ?? role;
      browsers[role] = await browser.newContext({
        viewport, isMobile, hasTouch, deviceScaleFactor, permissions: ['clipboard-read', 'clipboard-write'],
      });
    }
  });
  test.afterAll(async () => {
    for (const context of Object.values(browsers)) await context.close();
  });
  return { browsers, users };
}

/** The devnet's clock in milliseconds since the epoch: the time canisters see (moved by `advanceDevnetTime`). */
export async function devnetNowMs() {
  const response = await fetch(`${process.env.E2E_URL}/_/devnet/time`);
  const body = await response.text();
  const nanos = /"time_nanos":(\d+)/.exec(body);
  if (!response.ok || !nanos) throw new Error(`devnet time: HTTP ${response.status} ${body}`);
  return Number(BigInt(nanos[1]) / 1_000_000n);
}

/**
 * Lets `seconds` pass on the devnet at once (vesting, windows, expiries) instead of waiting for them; its
 * clock keeps running from there. Pages opened before should be reloaded: the app measures how far the
 * network's clock is from the device's when it starts. Keep a run's moves small (under three minutes in
 * all): the journeys' @dfinity/agent clients sync their clock with a read dated by this machine's clock,
 * which the devnet refuses once it runs more than about four minutes ahead.
 */
export async function advanceDevnetTime(seconds) {
  const response = await fetch(`${process.env.E2E_URL}/_/devnet/advance_time?seconds=${seconds}`, { method: 'POST' });
  if (!response.ok) throw new Error(`advance_time: HTTP ${response.status} ${await response.text()}`);
}

/** The first page of a context (opened if none). */
export async function firstPage(context) {
  return context.pages()[0] ?? (await context.newPage());
}

/** A named screenshot in e2e/results/screenshots/, one per project, attached to the report. */
export async function screenshot(page, name) {
  const info = test.info();
  const file = path.join(resultsDir, 'screenshots', `${info.project.name}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

/** Whether the header shows the compact menu (phone width): then it is opened first. */
export async function openAccountMenuIfCompact(page) {
  // The header renders once the app has loaded its config: before that the toggle looks absent.
  await page.locator('header').waitFor();
  const toggle = page.getByTestId('menu-toggle');
  if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** Logs in through the dev identity provider's window, picking `user`; returns the principal shown. */
export async function login(context, page, user) {
  await openAccountMenuIfCompact(page);
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByTestId('login').click()]);
  await popup.waitForLoadState();
  await popup.locator('#status', { hasText: 'Choose a test user' }).waitFor();
  await screenshot(popup, `provider-${user}`);
  await popup.locator(`button[data-user="${user}"]`).click();
  return shownPrincipal(page);
}

/** The full principal of who is logged in, as the header holds it. */
export async function shownPrincipal(page) {
  const principal = page.getByTestId('principal');
  await principal.waitFor({ state: 'attached' });
  return (await principal.getAttribute('data-principal')) ?? (await principal.textContent()).trim();
}

/** Logs out from the header (through the menu at phone width). */
export async function logout(page) {
  await openAccountMenuIfCompact(page);
  await page.getByTestId('logout').click();
  await openAccountMenuIfCompact(page);
  await page.getByTestId('login').waitFor();
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
  const [amount] = text.trim().split(' ');
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
export async function waitForFormMessage(page, testId, text, timeout = 60_000) {
  try {
    await page.getByTestId(testId).filter({ hasText: text }).waitFor({ timeout });
  } catch (e) {
    const said = async (id) => (await page.getByTestId(id).textContent().catch(() => '(none)'))?.trim();
    throw new Error(`expected ${testId} to say "${text}"; error says "${await said('transfer-error')}", `
      + `notice says "${await said('transfer-notice')}"`, { cause: e });
  }
}

/** The contrast ratio (WCAG 2) of an element's text against the first opaque background behind it. */
export async function contrastRatio(locator) {
  return locator.evaluate((node) => {
    const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    // The canvas turns any CSS colour (Tailwind 4 writes oklch) into sRGB bytes.
    const rgba = (color) => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      return [...context.getImageData(0, 0, 1, 1).data];
    };
    let background = null;
    for (let at = node; at && !background; at = at.parentElement) {
      const color = getComputedStyle(at).backgroundColor;
      if (rgba(color)[3] === 255) background = color;
    }
    const luminance = ([r, g, b]) => {
      const f = (v) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const [light, dark] = [luminance(rgba(getComputedStyle(node).color)), luminance(rgba(background ?? '#fff'))]
      .sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  });
}
