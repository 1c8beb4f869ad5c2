// Journeys over HTTP against devnet: log in as alice, see her balance, send to bob, bob sees it;
// a transfer above the balance is refused (by the app before sending, and by the ledger when the balance
// dropped after review) and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  deployed, browsersFor, login, openPaymentToken, balanceText, baseUnits, reviewTransfer, screenshot, userPrincipal,
  waitForFormMessage,
} from './browser.mjs';

const E8 = 100_000_000n;
const FEE = 10_000n;

/** Base units as the app shows ICP: whole units, then the fraction without trailing zeros. */
function formatIcp(units) {
  const fraction = (units % E8).toString().padStart(8, '0').replace(/0+$/, '');
  return fraction ? `${units / E8}.${fraction}` : `${units / E8}`;
}

const browsers = browsersFor('alice', 'bob');

test('the token list renders from the assets canister (timed)', async () => {
  const page = browsers.alice.pages()[0] ?? (await browsers.alice.newPage());
  await page.goto(`${deployed.app_url}tokens`);
  await page.getByTestId('token-row').first().waitFor();
  const rendered = await page.evaluate(() => {
    const mark = performance.getEntriesByName('icto:tokens-rendered')[0];
    return mark ? mark.startTime : null;
  });
  assert.ok(rendered !== null, 'the app marks when the token list is rendered');
  console.log(`time from navigation to token list rendered: ${rendered.toFixed(0)} ms`);
  const rows = await page.getByTestId('token-row').count();
  assert.ok(rows >= 1, 'the payment token is listed');
  await screenshot(page, 'tokens');
});

test('alice logs in, sees her balance and sends 12.5 ICP to bob', async () => {
  const page = browsers.alice.pages()[0];
  await page.goto(`${deployed.app_url}tokens`);
  const principal = await login(browsers.alice, page, 'alice');
  assert.equal(principal, userPrincipal('alice'));

  await openPaymentToken(page);
  // 1,000 funded, less the demo token alice paid for through the backend at deploy time (1 ICP fee, the
  // approval's and the charge's ledger fees).
  assert.equal(await balanceText(page), '998.9998 ICP');
  assert.equal((await page.getByTestId('transfer-fee').textContent()).trim(), '0.0001 ICP');
  await screenshot(page, 'token-detail-alice');

  await page.getByTestId('transfer-to').fill(userPrincipal('bob'));
  await page.getByTestId('transfer-amount').fill('12.5');
  await page.getByTestId('transfer-review').click();
  const consent = page.getByTestId('consent-message');
  await consent.waitFor();
  assert.ok((await consent.textContent()).length > 0, 'the ledger explains the transfer');
  await screenshot(page, 'transfer-consent');
  await page.getByTestId('transfer-confirm').click();
  await page.getByTestId('transfer-notice').filter({ hasText: 'Sent' }).waitFor();
  await page.getByTestId('balance').filter({ hasText: '986.4997 ICP' }).waitFor();
  await screenshot(page, 'transfer-sent');

  // The session survives a reload.
  await page.reload();
  await page.getByTestId('balance').filter({ hasText: '986.4997 ICP' }).waitFor();
});

test('a transfer above the balance shows the error and changes nothing', async () => {
  const page = browsers.alice.pages()[0];
  await openPaymentToken(page);
  const before = baseUnits(await balanceText(page));

  // Above what the page knows of the balance: the app refuses it before anything is sent.
  await page.getByTestId('transfer-to').fill(userPrincipal('bob'));
  await page.getByTestId('transfer-amount').fill('5000');
  await page.getByTestId('transfer-review').click();
  const error = page.getByTestId('transfer-error');
  await error.filter({ hasText: 'Insufficient funds' }).waitFor();
  await screenshot(page, 'transfer-insufficient');
  assert.equal(await page.getByTestId('consent-message').count(), 0, 'nothing to confirm');

  // Within the balance at review, above it at confirmation (alice spends in a second tab meanwhile):
  // the ledger itself refuses, and the page says what the ledger said.
  await reviewTransfer(page, userPrincipal('bob'), '900');
  const otherTab = await browsers.alice.newPage();
  await openPaymentToken(otherTab);
  await reviewTransfer(otherTab, deployed.config.canisters.token_factory, '100');
  await otherTab.getByTestId('transfer-confirm').click();
  await waitForFormMessage(otherTab, 'transfer-notice', 'Sent');
  await otherTab.close();
  const left = before - 100n * E8 - FEE;
  await page.getByTestId('transfer-confirm').click();
  await waitForFormMessage(page, 'transfer-error', `Insufficient funds: your balance is ${formatIcp(left)} ICP`);
  await screenshot(page, 'transfer-refused-by-ledger');

  await page.reload();
  await page.getByTestId('balance').waitFor();
  assert.equal(baseUnits(await balanceText(page)), left, 'only the second tab\'s transfer happened');
});

test('bob logs in in a second browser and sees the funds', async () => {
  const page = browsers.bob.pages()[0] ?? (await browsers.bob.newPage());
  await page.goto(`${deployed.app_url}tokens`);
  const principal = await login(browsers.bob, page, 'bob');
  assert.equal(principal, userPrincipal('bob'));
  await openPaymentToken(page);
  assert.equal(await balanceText(page), '1012.5 ICP');
  await screenshot(page, 'token-detail-bob');

  await page.getByTestId('logout').click();
  await page.getByTestId('login').waitFor();
  await page.reload();
  await page.getByTestId('login').waitFor();
  assert.equal(await page.getByTestId('principal').count(), 0, 'logout clears the session');
});
