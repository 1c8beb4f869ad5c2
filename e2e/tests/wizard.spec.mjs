// The paid write path in the browser: alice deploys a token through the wizard (approval with the payment
// ledger's consent message, progress, dashboard, payments), a disabled type charges nothing, a factory
// that fails after the charge is refunded, a reload mid-way charges once; the dashboard reads in one round.
import { test, expect } from './fixtures.mjs';
import {
  appUrl, ids, LEDGER_FEE, TOKEN_FEE, loggedInPage, dashboardBalance, reviewToken, deployerAgent, setTokenType, setRunning,
} from './wizard-helpers.mjs';

test.describe.configure({ mode: 'serial' });

let page;
/** Distinct names per project (desktop and phone share one devnet). */
let tag;

test.beforeAll(async ({ browser, cast }, testInfo) => {
  tag = testInfo.project.name.startsWith('phone') ? 'P' : 'D';
  page = await loggedInPage(browser, testInfo, cast.alice);
});

test.afterAll(async () => {
  await page?.context().close();
});

test('alice approves and deploys a token: progress, dashboard, payments, balance down by fee + ledger fees', async () => {
  const before = await dashboardBalance(page);
  await reviewToken(page, { name: `Wizard Coin ${tag}`, symbol: `WIZ${tag}` });
  await expect(page.getByTestId('review-fee')).toHaveText('1 ICP');
  await expect(page.getByTestId('review-total')).toHaveText('1.0002 ICP');
  const consent = page.getByLabel('The payment ledger asks you to approve');
  await expect(consent.getByTestId('consent-message')).toContainText(/approv/i);
  await expect(consent).toBeFocused();

  await page.getByTestId('deploy-confirm').click();
  await expect(page.getByTestId('deploy-progress')).toBeVisible();
  await expect(page.getByTestId('deploy-done')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('[data-testid="deploy-step"][data-state="done"]')).toHaveCount(5);
  const canister = (await page.getByTestId('deploy-canister').textContent()).trim();

  await page.goto(appUrl);
  await expect(page.locator(`a[href="/tokens/${canister}"]`)).toContainText(`WIZ${tag}`);
  const after = await dashboardBalance(page);
  expect(before - after).toBe(TOKEN_FEE + 2n * LEDGER_FEE);

  // The invoice reaches InvoiceStorage through the backend's outbox (a timer): read until it is there.
  await expect(async () => {
    await page.goto(`${appUrl}payments`);
    const row = page.getByTestId('invoice-row').filter({ has: page.locator(`a[href="/tokens/${canister}"]`) });
    await expect(row.getByTestId('invoice-status')).toHaveText('Paid', { timeout: 2_000 });
    await expect(row.getByTestId('invoice-amount')).toHaveText('1 ICP');
  }).toPass({ timeout: 60_000 });
  await expect(page).toHaveTitle(/Payments/);
});

test('the dashboard reads everything in one round of queries', async () => {
  await page.goto(appUrl);
  await page.getByTestId('dashboard-balance').waitFor();
  const figures = await page.evaluate(() => {
    const mark = (name) => performance.getEntriesByName(name).at(-1)?.startTime;
    const start = mark('dashboard-start');
    const rendered = mark('dashboard-rendered');
    const dashboard = new Set(['get_related_canisters', 'get_my_contracts', 'icrc1_balance_of', 'icrc1_metadata',
      'icrc1_total_supply', 'icrc1_minting_account', 'get_my_invoices']);
    const queries = (window.icto_queries ?? []).filter((q) => dashboard.has(q.method) && q.start >= start && q.end <= rendered);
    // A query's round: one more than the latest round of any query that ended before it started.
    const sorted = [...queries].sort((a, b) => a.start - b.start);
    const rounds = [];
    sorted.forEach((q, i) => {
      rounds[i] = 1 + Math.max(0, ...sorted.slice(0, i).map((p, j) => (p.end <= q.start ? rounds[j] : 0)));
    });
    return { ms: rendered - start, queries: queries.length, rounds: Math.max(0, ...rounds) };
  });
  console.log(`dashboard: ${figures.queries} queries in ${figures.rounds} round(s), rendered ${figures.ms.toFixed(0)} ms after it started loading`);
  expect(figures.queries).toBeGreaterThanOrEqual(5);
  expect(figures.rounds).toBe(1);
});

test('a deployment of a type an admin disabled shows the error and charges nothing', async () => {
  const deployer = await deployerAgent();
  const before = await dashboardBalance(page);
  try {
    // Disabled before the review: the wizard says so and offers no approval.
    expect(await setTokenType(deployer, { enabled: false })).toEqual({ Ok: null });
    await reviewToken(page, { name: `Disabled ${tag}`, symbol: `OFF${tag}` });
    await expect(page.getByTestId('review-problem')).toContainText('disabled');
    await expect(page.getByTestId('deploy-confirm')).toHaveCount(0);
    expect(await dashboardBalance(page)).toBe(before);

    // Disabled between review and confirmation: the backend refuses before charging; only the approval's
    // ledger fee was spent.
    expect(await setTokenType(deployer, { enabled: true })).toEqual({ Ok: null });
    await reviewToken(page, { name: `Disabled ${tag}`, symbol: `OFF${tag}` });
    expect(await setTokenType(deployer, { enabled: false })).toEqual({ Ok: null });
    await page.getByTestId('deploy-confirm').click();
    await expect(page.getByTestId('deploy-error')).toContainText('disabled');
    await expect(page.getByTestId('deploy-error')).toContainText('Nothing was charged');
    expect(await dashboardBalance(page)).toBe(before - LEDGER_FEE);
  } finally {
    await setTokenType(deployer, { enabled: true });
  }
});

test('a factory failing after the charge shows the refund; the balance is restored minus ledger fees', async () => {
  const before = await dashboardBalance(page);
  await reviewToken(page, { name: `Refunded ${tag}`, symbol: `REF${tag}` });
  await setRunning(ids.token_factory, false);
  try {
    await page.getByTestId('deploy-confirm').click();
    await expect(page.getByTestId('deploy-failed')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('deploy-refund')).toContainText('Refunded', { timeout: 90_000 });
    await expect(page.locator('[data-testid="deploy-step"][data-state="failed"]')).toHaveCount(1);
  } finally {
    await setRunning(ids.token_factory, true);
  }
  // The approval, the charge and the refund transfer each cost one ledger fee; the fee came back.
  expect(await dashboardBalance(page)).toBe(before - 3n * LEDGER_FEE);
  await expect(async () => {
    await page.goto(`${appUrl}payments`);
    await expect(page.getByTestId('invoice-status').first()).toHaveText('Refunded', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});

test('reloading during the progress view does not charge twice', async () => {
  const before = await dashboardBalance(page);
  await reviewToken(page, { name: `Reloaded ${tag}`, symbol: `RLD${tag}` });
  await page.getByTestId('deploy-confirm').click();
  // Once the approval is through, the deployment runs in the backend; reload in the middle of it.
  await page.locator('[data-testid="deploy-step"][data-state="done"]').first().waitFor();
  await page.reload();
  await expect(page.getByTestId('deploy-progress')).toBeVisible();
  await expect(page.getByTestId('deploy-done')).toBeVisible({ timeout: 90_000 });
  expect(before - (await dashboardBalance(page))).toBe(TOKEN_FEE + 2n * LEDGER_FEE);
});
