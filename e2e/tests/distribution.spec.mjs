// A distribution campaign end to end: alice creates one through the wizard (the contract's rules checked
// as she types, the payment approved with the ledger's consent message, the progress view), distributing
// the payment token to bob over a one-minute linear schedule; she funds and activates it from its page;
// bob finds it on his dashboard under "recipient", waits for it to vest, claims, and his balance grows by
// exactly what the claim says he received.
import { test, expect, browsersFor, firstPage, login, screenshot, baseUnits, advanceDevnetTime } from './fixtures.mjs';
import { appUrl, userPrincipal, dashboardBalance } from './wizard-helpers.mjs';

const { browsers, users } = browsersFor('issuer', 'holder');

let tag;
let title;
let campaign;
let alicePage;
let bobPage;

test.beforeAll(async ({}, testInfo) => {
  tag = testInfo.project.name.startsWith('phone') ? 'P' : 'D';
  title = `Airdrop ${tag} ${Date.now() % 100000}`;
});

test('alice creates a campaign for bob in the wizard: inline checks, review, approval, progress', async () => {
  alicePage = await firstPage(browsers.issuer);
  await alicePage.goto(appUrl);
  await login(browsers.issuer, alicePage, users.issuer);
  const page = alicePage;
  await page.goto(`${appUrl}distributions/new`);
  await expect(page).toHaveTitle(/New distribution campaign/);
  await expect(page.getByTestId('campaign-token-info')).toContainText('ICP');

  // The contract's rules, as she types.
  await page.getByTestId('campaign-title').fill('x'.repeat(101));
  await expect(page.getByTestId('campaign-title-error')).toContainText('1 to 100 characters');
  await page.getByTestId('campaign-title').fill(title);
  await expect(page.getByTestId('campaign-title-error')).toBeEmpty();

  await page.getByTestId('cat0-shape').selectOption('linear');
  await page.getByTestId('cat0-duration').fill('60');
  await page.getByTestId('cat0-duration-unit').selectOption('seconds');
  await expect(page.getByTestId('cat0-error')).toContainText('does not fit'); // monthly unlocks in 60 seconds
  await page.getByTestId('cat0-frequency').selectOption('continuous');
  await expect(page.getByTestId('cat0-error')).toBeEmpty();
  await expect(page.getByTestId('category').getByTestId('vesting-chart')).toBeVisible();

  const bob = userPrincipal(users.holder);
  await page.getByTestId('campaign-recipients').fill(`principal,amount\nnot-a-principal,1\n${bob},0.5\n${bob},0.25`);
  const errors = page.getByTestId('campaign-recipients-errors');
  await expect(errors).toContainText('Line 2: "not-a-principal" is not a principal.');
  await page.getByTestId('campaign-recipients').fill(`principal,amount\n${bob},0.5\n${bob},0.25`);
  await expect(errors).toContainText('Line 3: this recipient is already listed');
  await page.getByTestId('campaign-recipients').fill(`principal,amount\n${bob},0.5`);
  await expect(errors).not.toContainText('Line');
  await expect(page.getByTestId('campaign-recipients-summary')).toHaveText('1 recipient row, 0.5 ICP in all.');
  await screenshot(page, 'campaign-form');

  await page.getByTestId('deploy-review').click();
  await page.getByTestId('deploy-review-step').waitFor();
  await expect(page.getByTestId('review-campaign')).toHaveText(title);
  await expect(page.getByTestId('review-allocated')).toHaveText('0.5 ICP');
  await expect(page.getByTestId('review-fund-total')).toHaveText('0.5001 ICP');
  const consent = page.getByLabel('The payment ledger asks you to approve');
  await expect(consent.getByTestId('consent-message')).toContainText(/approv/i);
  await expect(consent).toBeFocused();
  await screenshot(page, 'campaign-review');

  await page.getByTestId('deploy-confirm').click();
  await expect(page.getByTestId('deploy-progress')).toBeVisible();
  await expect(page.getByTestId('deploy-done')).toBeVisible({ timeout: 120_000 });
  await expect(page.locator('[data-testid="deploy-step"][data-state="done"]')).toHaveCount(5);
  campaign = (await page.getByTestId('deploy-canister').textContent()).trim();
  await page.getByTestId('deploy-campaign-link').click();
  await expect(page.getByTestId('campaign-title')).toHaveText(title);
});

test('alice funds the campaign from its page and activates it', async () => {
  const page = alicePage;
  await expect(page).toHaveTitle(new RegExp(title));
  await expect(page.getByTestId('campaign-status')).toHaveAttribute('data-status', 'Created');
  await expect(page.getByTestId('campaign-funding')).toHaveAttribute('data-funded', 'false');
  await expect(page.getByTestId('campaign-activate')).toBeDisabled();
  await page.getByTestId('campaign-fund').click();
  await expect(page.getByTestId('campaign-funding')).toHaveAttribute('data-funded', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('campaign-funding')).toContainText('holds 0.5001 ICP of the 0.5001 ICP');
  await page.getByTestId('campaign-activate').click();
  await expect(page.getByTestId('campaign-status')).toHaveAttribute('data-status', 'Active', { timeout: 60_000 });
  await expect(page.getByTestId('campaign-recipient')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await screenshot(page, 'campaign-active');

  // Her dashboard lists it among the campaigns she created.
  await expect(async () => {
    await page.goto(appUrl);
    await expect(page.getByTestId('campaigns-created').locator(`a[href="/distributions/${campaign}"]`)).toHaveText(title, { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
});

test('bob sees the campaign on his dashboard under "recipient"', async () => {
  bobPage = await firstPage(browsers.holder);
  await bobPage.goto(appUrl);
  await login(browsers.holder, bobPage, users.holder);
  // The contract reports the relationship to the factory from its outbox (a timer): read until it is there.
  await expect(async () => {
    await bobPage.goto(appUrl);
    await expect(bobPage.getByTestId('campaigns-recipient').locator(`a[href="/distributions/${campaign}"]`)).toHaveText(title, { timeout: 3_000 });
  }).toPass({ timeout: 90_000 });
  await screenshot(bobPage, 'campaign-dashboard-recipient');
  await bobPage.getByTestId('campaigns-recipient').locator(`a[href="/distributions/${campaign}"]`).click();
  await expect(bobPage.getByTestId('campaign-title')).toHaveText(title);
  await expect(bobPage.getByTestId('my-amount')).toHaveText('0.5 ICP');
});

test('once vested, bob claims: his balance grows by exactly what the claim reports as received', async () => {
  const page = bobPage;
  // The schedule lasts a minute from its creation, a good part of which the journey has already spent:
  // move the devnet's clock over the rest, then read again (polling covers a slow run).
  await advanceDevnetTime(45);
  await page.reload();
  await expect(async () => {
    await page.getByTestId('my-allocation-refresh').click();
    await expect(page.getByTestId('my-vested')).toHaveText('0.5 ICP', { timeout: 3_000 });
  }).toPass({ timeout: 30_000, intervals: [1_000] });
  const before = await dashboardBalance(page);
  await page.goto(`${appUrl}distributions/${campaign}`);
  await expect(page.getByTestId('my-claimable')).toHaveText('0.5 ICP');
  await page.getByTestId('claim').click();
  await expect(page.getByTestId('claim-received')).toBeVisible({ timeout: 60_000 });
  const received = baseUnits(await page.getByTestId('claim-received').textContent());
  await expect(page.getByTestId('claim-block')).toHaveText(/^\d+$/);
  expect(received).toBeGreaterThan(0n);
  await expect(page.getByTestId('my-claimable')).toHaveText('0 ICP');
  await screenshot(page, 'campaign-claimed');
  const after = await dashboardBalance(page);
  expect(after - before).toBe(received);
});
