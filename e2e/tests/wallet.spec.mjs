// A multisig wallet end to end: alice creates a 2-of-2 wallet with bob in the wizard (the wallet's rules
// checked as she types: a threshold of 3 is refused), pays for it through the shared review and progress,
// funds it from the app (a deposit of payment tokens), and proposes a transfer to carol; bob finds the
// wallet on his dashboard under "Wallets I sign", opens it and approves: the proposal shows Executed and
// carol's balance grows by exactly the amount. The wallet journeys play their own funded users (signer,
// cosigner, payee), so no other journey's exact balances change.
import { Actor } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { test, expect, browsersFor, firstPage, login, screenshot, paymentLedger } from './fixtures.mjs';
import { appUrl, userPrincipal, strangerAgent, E8 } from './wizard-helpers.mjs';

const { browsers, users } = browsersFor('signer', 'cosigner');

let name;
let wallet;
let payee;
let alicePage;
let bobPage;
const AMOUNT = '0.25';
const AMOUNT_UNITS = E8 / 4n;

/** A principal's payment-token balance, read with @dfinity/agent as anyone may. */
async function ledgerBalance(owner) {
  const idl = ({ IDL: I }) => I.Service({
    icrc1_balance_of: I.Func([I.Record({ owner: I.Principal, subaccount: I.Opt(I.Vec(I.Nat8)) })], [I.Nat], ['query']),
  });
  const ledger = Actor.createActor(idl, { agent: await strangerAgent(), canisterId: paymentLedger });
  return ledger.icrc1_balance_of({ owner: Principal.fromText(owner), subaccount: [] });
}

test.beforeAll(async ({ cast }, testInfo) => {
  const tag = testInfo.project.name.startsWith('phone') ? 'P' : 'D';
  name = `Team wallet ${tag} ${Date.now() % 100000}`;
  payee = userPrincipal(cast.payee);
});

test('alice creates a 2-of-2 wallet with bob in the wizard: inline checks, review, payment, progress', async () => {
  alicePage = await firstPage(browsers.signer);
  await alicePage.goto(appUrl);
  const alice = await login(browsers.signer, alicePage, users.signer);
  const page = alicePage;
  await page.goto(`${appUrl}wallets/new`);
  await expect(page).toHaveTitle(/New multisig wallet/);

  await page.getByTestId('wallet-name').fill(name);
  await expect(page.getByTestId('signer-0-principal')).toHaveValue(alice);
  await page.getByTestId('signer-0-name').fill('Alice');
  await page.getByTestId('wallet-add-signer').click();
  await page.getByTestId('signer-1-principal').fill(userPrincipal(users.cosigner));
  await page.getByTestId('signer-1-name').fill('Bob');
  await expect(page.getByTestId('token-0-info')).toContainText('ICP');

  // The wallet's rules, as she types.
  await page.getByTestId('wallet-threshold').fill('3');
  await expect(page.getByTestId('wallet-threshold-error')).toHaveText('A threshold of 3 does not fit 2 signers: it must be 1 to 2.');
  await expect(page.getByTestId('wallet-threshold')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('wallet-threshold').fill('2');
  await expect(page.getByTestId('wallet-threshold-error')).toBeEmpty();
  await expect(page.getByTestId('wallet-threshold-words')).toHaveText('2 of 2 signers must approve each proposal.');
  await screenshot(page, 'wallet-form');

  await page.getByTestId('deploy-review').click();
  await page.getByTestId('deploy-review-step').waitFor();
  await expect(page.getByTestId('review-wallet')).toHaveText(name);
  await expect(page.getByTestId('review-threshold')).toHaveText('2 of 2 signers');
  const consent = page.getByLabel('The payment ledger asks you to approve');
  await expect(consent.getByTestId('consent-message')).toContainText(/approv/i);
  await screenshot(page, 'wallet-review');

  await page.getByTestId('deploy-confirm').click();
  await expect(page.getByTestId('deploy-progress')).toBeVisible();
  await expect(page.getByTestId('deploy-done')).toBeVisible({ timeout: 120_000 });
  await expect(page.locator('[data-testid="deploy-step"][data-state="done"]')).toHaveCount(5);
  wallet = (await page.getByTestId('deploy-canister').textContent()).trim();
  await page.getByTestId('deploy-wallet-link').click();
  await expect(page.getByTestId('wallet-name')).toHaveText(name);
  await expect(page).toHaveTitle(new RegExp(name));
  await expect(page.getByTestId('wallet-threshold')).toHaveText('2 of 2 signers must approve each proposal.');
  await expect(page.getByTestId('wallet-member')).toHaveCount(2);
  await expect(page.getByTestId('wallet-member').filter({ hasText: 'Bob' })).toHaveAttribute('data-role', 'Signer');
});

test('alice funds the wallet from the app and proposes a transfer to carol', async () => {
  const page = alicePage;
  await expect(page.getByTestId('wallet-balance-amount')).toHaveText('0 ICP');
  await page.getByTestId('wallet-deposit-toggle').click();
  await expect(page.getByTestId('transfer-to')).toHaveValue(wallet);
  await page.getByTestId('transfer-amount').fill('1');
  await page.getByTestId('transfer-review').click();
  await page.getByTestId('consent-message').waitFor();
  await page.getByTestId('transfer-confirm').click();
  await expect(page.getByTestId('transfer-notice')).toContainText('Sent 1 ICP', { timeout: 60_000 });
  await expect(page.getByTestId('wallet-balance-amount')).toHaveText('1 ICP');

  await page.getByTestId('propose-title').fill('Pay carol');
  await page.getByTestId('propose-to').fill(payee);
  await page.getByTestId('propose-amount').fill('abc');
  await page.getByTestId('propose-submit').click();
  await expect(page.getByTestId('propose-error')).toContainText('The amount must be a number');
  await page.getByTestId('propose-amount').fill(AMOUNT);
  await page.getByTestId('propose-submit').click();
  await expect(page.getByTestId('propose-notice')).toContainText('is open for votes (1 of 2 approvals', { timeout: 60_000 });
  const proposal = page.getByTestId('proposal').filter({ hasText: 'Pay carol' });
  await expect(proposal.getByTestId('proposal-approvals')).toHaveText('1 of 2 needed (0 rejected)');
  await expect(proposal.getByTestId('proposal-action')).toContainText(`Send ${AMOUNT} ICP to`);
  await expect(proposal.getByTestId('proposal-my-vote')).toHaveText('Approved');
  await screenshot(page, 'wallet-proposed');
});

test('bob sees the wallet on his dashboard under "sign", approves, and carol receives exactly the amount', async () => {
  bobPage = await firstPage(browsers.cosigner);
  await bobPage.goto(appUrl);
  await login(browsers.cosigner, bobPage, users.cosigner);
  const link = bobPage.getByTestId('wallets-signer').locator(`a[href="/wallets/${wallet}"]`);
  await expect(async () => {
    await bobPage.goto(appUrl);
    await expect(link).toHaveText(name, { timeout: 3_000 });
  }).toPass({ timeout: 90_000 });
  await screenshot(bobPage, 'wallet-dashboard-signer');
  await link.click();
  await expect(bobPage.getByTestId('wallet-name')).toHaveText(name);
  const proposal = bobPage.getByTestId('proposal').filter({ hasText: 'Pay carol' });
  await expect(proposal.getByTestId('proposal-my-vote')).toHaveText('Not voted yet');

  const before = await ledgerBalance(payee);
  await proposal.getByTestId('proposal-approve').focus();
  await bobPage.keyboard.press('Enter');
  const closed = bobPage.getByTestId('closed-proposal').filter({ hasText: 'Pay carol' });
  await expect(closed).toHaveAttribute('data-status', 'Executed', { timeout: 60_000 });
  await expect(closed.getByTestId('closed-outcome')).toContainText('Transferred');
  await expect(bobPage.getByTestId('wallet-balance-amount')).toHaveText('0.7499 ICP');
  // One closed proposal fits one page: its pager offers no next page (and renders as the button it is).
  const pager = bobPage.getByRole('navigation', { name: 'Pages of closed proposals' });
  await expect(pager.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await expect(pager).toContainText('1–1 of 1 closed proposals');
  await screenshot(bobPage, 'wallet-executed');
  const after = await ledgerBalance(payee);
  expect(after - before).toBe(AMOUNT_UNITS);
});
