// Journeys over HTTP against devnet: log in as alice, see her balance, send to bob, bob sees it;
// a transfer above the balance shows the error and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  deployed, browsersFor, login, openPaymentToken, balanceText, screenshot, userPrincipal,
} from './browser.mjs';

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
  assert.equal(await balanceText(page), '1000 ICP');
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
  await page.getByTestId('balance').filter({ hasText: '987.4999 ICP' }).waitFor();
  await screenshot(page, 'transfer-sent');

  // The session survives a reload.
  await page.reload();
  await page.getByTestId('balance').filter({ hasText: '987.4999 ICP' }).waitFor();
});

test('a transfer above the balance shows the error and changes nothing', async () => {
  const page = browsers.alice.pages()[0];
  await openPaymentToken(page);
  const before = await balanceText(page);
  await page.getByTestId('transfer-to').fill(userPrincipal('bob'));
  await page.getByTestId('transfer-amount').fill('5000');
  await page.getByTestId('transfer-review').click();
  const error = page.getByTestId('transfer-error');
  await error.filter({ hasText: 'Insufficient funds' }).waitFor();
  await screenshot(page, 'transfer-insufficient');
  assert.equal(await page.getByTestId('consent-message').count(), 0, 'nothing to confirm');
  await page.reload();
  await page.getByTestId('balance').waitFor();
  assert.equal(await balanceText(page), before);
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
