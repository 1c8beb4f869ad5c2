// Journeys over HTTP against devnet: log in as alice, see her balance, send to bob, bob sees it;
// a transfer above the balance is refused (by the app before sending, and by the ledger when the balance
// dropped after review) and changes nothing.
import {
  test, expect, deployed, browsersFor, firstPage, login, logout, openPaymentToken, balanceText, baseUnits,
  reviewTransfer, screenshot, principalOf, waitForFormMessage,
} from './fixtures.mjs';

const E8 = 100_000_000n;
const FEE = 10_000n;

/** Base units as the app shows ICP: whole units, then the fraction without trailing zeros. */
function formatIcp(units) {
  const fraction = (units % E8).toString().padStart(8, '0').replace(/0+$/, '');
  return fraction ? `${units / E8}.${fraction}` : `${units / E8}`;
}

const { browsers, users } = browsersFor('alice', 'bob');

test('the token list renders from the assets canister (timed)', async () => {
  const page = await firstPage(browsers.alice);
  await page.goto(`${deployed.app_url}tokens`);
  await page.getByTestId('token-row').first().waitFor();
  const rendered = await page.evaluate(() => {
    const mark = performance.getEntriesByName('icto:tokens-rendered')[0];
    return mark ? mark.startTime : null;
  });
  expect(rendered, 'the app marks when the token list is rendered').not.toBeNull();
  console.log(`[${test.info().project.name}] time from navigation to token list rendered: ${rendered.toFixed(0)} ms`);
  expect(await page.getByTestId('token-row').count(), 'the payment token is listed').toBeGreaterThanOrEqual(1);
  await screenshot(page, 'tokens');
});

test('alice logs in, sees her balance and sends 12.5 ICP to bob', async () => {
  const page = await firstPage(browsers.alice);
  await page.goto(`${deployed.app_url}tokens`);
  const principal = await login(browsers.alice, page, users.alice);
  expect(principal).toBe(principalOf(users.alice));

  await openPaymentToken(page);
  expect(await balanceText(page)).toBe('1000 ICP');
  await expect(page.getByTestId('transfer-fee')).toHaveText('0.0001 ICP');
  await screenshot(page, 'token-detail-alice');

  await page.getByTestId('transfer-to').fill(principalOf(users.bob));
  await page.getByTestId('transfer-amount').fill('12.5');
  await page.getByTestId('transfer-review').click();
  const consent = page.getByTestId('consent-message');
  await consent.waitFor();
  expect((await consent.textContent()).length, 'the ledger explains the transfer').toBeGreaterThan(0);
  await expect(page.getByTestId('transfer-review-box'), 'focus moves to what is to be confirmed').toBeFocused();
  await screenshot(page, 'transfer-consent');
  await page.getByTestId('transfer-confirm').click();
  const bob = principalOf(users.bob);
  // "Sent" says what was sent, to whom.
  await expect(page.getByTestId('transfer-notice')).toHaveText(new RegExp(`^Sent 12\\.5 ICP to ${bob}\\. Block \\d+\\.$`));
  await page.getByTestId('balance').filter({ hasText: '987.4999 ICP' }).waitFor();
  await screenshot(page, 'transfer-sent');

  // My history, newest first, from the ledger's ICRC-3 log: this transfer, then the funding mint.
  const entries = page.getByTestId('history-entry');
  await expect(entries).toHaveCount(2);
  const latest = entries.first();
  await expect(latest.getByTestId('history-direction')).toHaveText('Sent');
  await expect(latest.getByTestId('history-amount')).toHaveText('12.5 ICP');
  await expect(latest.getByTestId('history-counterparty')).toHaveAttribute('data-principal', bob);
  await expect(latest.getByTestId('history-fee')).toHaveText('0.0001 ICP');
  await expect(latest.getByTestId('history-memo')).toHaveText('none');
  await expect(latest.getByTestId('history-time')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await expect(entries.last().getByTestId('history-direction')).toHaveText('Minted to me');
  await expect(entries.last().getByTestId('history-amount')).toHaveText('1000 ICP');
  const [newer, older] = [await latest.getAttribute('data-block'), await entries.last().getAttribute('data-block')];
  expect(Number(newer), 'newest first').toBeGreaterThan(Number(older));
  await screenshot(page, 'history-alice');

  // The session survives a reload.
  await page.reload();
  await page.getByTestId('balance').filter({ hasText: '987.4999 ICP' }).waitFor();
});

test('a transfer above the balance shows the error and changes nothing', async () => {
  const page = await firstPage(browsers.alice);
  await openPaymentToken(page);
  const before = baseUnits(await balanceText(page));

  // Above what the page knows of the balance: the app refuses it before anything is sent.
  await page.getByTestId('transfer-to').fill(principalOf(users.bob));
  await page.getByTestId('transfer-amount').fill('5000');
  await page.getByTestId('transfer-review').click();
  await page.getByTestId('transfer-error').filter({ hasText: 'Insufficient funds' }).waitFor();
  await screenshot(page, 'transfer-insufficient');
  await expect(page.getByTestId('consent-message'), 'nothing to confirm').toHaveCount(0);

  // Within the balance at review, above it at confirmation (alice spends in a second tab meanwhile):
  // the ledger itself refuses, and the page says what the ledger said.
  await reviewTransfer(page, principalOf(users.bob), '900');
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
  expect(baseUnits(await balanceText(page)), 'only the second tab\'s transfer happened').toBe(left);
});

test('bob logs in in a second browser and sees the funds', async () => {
  const page = await firstPage(browsers.bob);
  await page.goto(`${deployed.app_url}tokens`);
  const principal = await login(browsers.bob, page, users.bob);
  expect(principal).toBe(principalOf(users.bob));
  await openPaymentToken(page);
  expect(await balanceText(page)).toBe('1012.5 ICP');
  const received = page.getByTestId('history-entry').first();
  await expect(received.getByTestId('history-direction')).toHaveText('Received');
  await expect(received.getByTestId('history-amount')).toHaveText('12.5 ICP');
  await expect(received.getByTestId('history-counterparty')).toHaveAttribute('data-principal', principalOf(users.alice));
  await screenshot(page, 'token-detail-bob');

  await logout(page);
  await page.reload();
  await page.getByTestId('login').waitFor({ state: 'attached' });
  await expect(page.getByTestId('principal'), 'logout clears the session').toHaveCount(0);
});
