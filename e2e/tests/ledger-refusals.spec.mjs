// The ledger's own refusals, as the person sees them: a retry after a lost answer is recognised as a
// duplicate (the transfer happens once), and a fee changed after review is refused with the new fee.
// A burn (a transfer to the minting account) is shown for what it is.
// Carol sends to the token factory's account so that the other journeys' balances are untouched (not to
// the deployer: it is the payment ledger's minting account, and a transfer there is a burn).
import {
  test, expect, deployed, browsersFor, firstPage, login, openPaymentToken, balanceText, baseUnits, reviewTransfer,
  screenshot, waitForFormMessage, paymentLedger,
} from './fixtures.mjs';
import { setPaymentFee } from './controller.mjs';

const FEE = 10_000n;
const RECIPIENT = deployed.config.canisters.token_factory;
const { browsers, users } = browsersFor('carol');
let page;

/** Carol's page, logged in once for the whole file. */
async function carolsPage() {
  if (!page) {
    page = await firstPage(browsers.carol);
    await page.goto(`${deployed.app_url}tokens`);
    await login(browsers.carol, page, users.carol);
  }
  return page;
}

test('an answer lost on the network, then a retry: sent once, reported as a duplicate', async () => {
  await openPaymentToken(await carolsPage());
  const before = baseUnits(await balanceText(page));
  await reviewTransfer(page, RECIPIENT, '1');

  // The call reaches devnet and runs, but the browser never sees the answer.
  let lost = 0;
  await page.route('**/api/*/canister/*/call', async (route) => {
    // Node cannot resolve <canister>.localhost as Chromium does; devnet answers the IC API on any host.
    const url = new URL(route.request().url());
    url.hostname = '127.0.0.1';
    await route.fetch({ url: url.toString() });
    lost += 1;
    await route.abort('connectionreset');
  }, { times: 1 });
  await page.getByTestId('transfer-confirm').click();
  await waitForFormMessage(page, 'transfer-error', 'No answer from the network');
  expect(lost, 'exactly one call was cut off').toBe(1);
  await expect(page.getByTestId('transfer-confirm')).toHaveText('Confirm again');
  await screenshot(page, 'transfer-answer-lost');

  await page.getByTestId('transfer-confirm').click();
  await waitForFormMessage(page, 'transfer-notice', 'Duplicate: this transfer was already made');
  await screenshot(page, 'transfer-duplicate');

  const expected = before - 100_000_000n - FEE;
  await page.reload();
  await page.getByTestId('balance').waitFor();
  expect(baseUnits(await balanceText(page)), 'debited once, not twice').toBe(expected);
});

test('a fee changed after review is refused with the new fee; nothing is sent', async () => {
  await openPaymentToken(await carolsPage());
  const before = baseUnits(await balanceText(page));
  await reviewTransfer(page, RECIPIENT, '1');
  await setPaymentFee(paymentLedger, 2n * FEE);
  try {
    await page.getByTestId('transfer-confirm').click();
    await waitForFormMessage(page, 'transfer-error', 'The fee changed: the ledger now charges 0.0002 ICP');
    await page.getByTestId('transfer-fee').filter({ hasText: '0.0002 ICP' }).waitFor();
    await screenshot(page, 'transfer-bad-fee');
    expect(baseUnits(await balanceText(page)), 'nothing was sent').toBe(before);

    // The form kept the inputs: reviewing again uses the new fee and goes through.
    await page.getByTestId('transfer-review').click();
    await page.getByTestId('consent-message').waitFor();
    await page.getByTestId('transfer-confirm').click();
    await waitForFormMessage(page, 'transfer-notice', 'Sent');
    await page.reload();
    await page.getByTestId('balance').waitFor();
    expect(baseUnits(await balanceText(page))).toBe(before - 100_000_000n - 2n * FEE);
  } finally {
    await setPaymentFee(paymentLedger, FEE);
  }
});

test('sending to the minting account is a burn: warned before, no fee, the supply drops', async () => {
  await openPaymentToken(await carolsPage());
  const before = baseUnits(await balanceText(page));
  const supplyBefore = baseUnits(await page.getByTestId('token-supply').textContent());
  await reviewTransfer(page, deployed.deployer, '2');
  await page.getByTestId('burn-warning').waitFor();
  await screenshot(page, 'transfer-burn');
  await page.getByTestId('transfer-confirm').click();
  await waitForFormMessage(page, 'transfer-notice', 'Sent');
  await page.reload();
  await page.getByTestId('balance').waitFor();
  expect(baseUnits(await balanceText(page)), 'burned without a fee').toBe(before - 200_000_000n);
  expect(baseUnits(await page.getByTestId('token-supply').textContent())).toBe(supplyBefore - 200_000_000n);
});
