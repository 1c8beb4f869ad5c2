// What a new user meets first, at both widths: the header (a compact menu at 390 px), their account
// (principal copied, shown as a QR code), titled routes, readable errors with a way back, an accessible
// transfer form (labels, Enter, aria-invalid, announced errors, focus on the review, recipient warnings),
// balances in the token list, and navigation items that say why they are disabled. Nothing here sends
// tokens: the other journeys' balances are untouched.
import {
  test, expect, deployed, browsersFor, firstPage, login, logout, openPaymentToken, openAccountMenuIfCompact,
  principalOf, screenshot, contrastRatio, paymentLedger, balanceText,
} from './fixtures.mjs';

// Independent tests (each logs in when it needs to): one failing does not skip the others.
const { browsers, users } = browsersFor({ serial: false }, 'carol');
const isPhone = () => test.info().project.name === 'phone';
const ANONYMOUS = '2vxsx-fae';
const RAW_REPLICA_TEXT = /reject code|IC0\d{3}|DestinationInvalid|CanisterError|replica/i;

/** No horizontal scrolling: the page is not wider than the viewport. */
async function fitsTheWidth(page) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `page ${scroll}px wide in a ${inner}px viewport`).toBeLessThanOrEqual(inner);
}

async function carolsPage() {
  const page = await firstPage(browsers.carol);
  if (!(await page.getByTestId('principal').count())) {
    await page.goto(`${deployed.app_url}tokens`);
    await login(browsers.carol, page, users.carol);
  }
  return page;
}

test('the header fits, and its menu opens and closes from the keyboard', async () => {
  const page = await firstPage(browsers.carol);
  await page.goto(`${deployed.app_url}tokens`);
  await page.getByTestId('token-row').first().waitFor();
  const toggle = page.getByTestId('menu-toggle');
  if (isPhone()) {
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('login')).toBeHidden();
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByTestId('login')).toBeInViewport();
    await page.keyboard.press('Escape');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(toggle, 'focus returns to the menu button').toBeFocused();
  } else {
    await expect(toggle).toBeHidden();
    await expect(page.getByTestId('login')).toBeInViewport();
  }
  await fitsTheWidth(page);

  const principal = await login(browsers.carol, page, users.carol);
  expect(principal).toBe(principalOf(users.carol));
  await openAccountMenuIfCompact(page);
  const shown = page.getByTestId('principal');
  await expect(shown, 'the principal is shortened').toHaveText(`${principal.slice(0, 5)}…${principal.slice(-3)}`);
  await expect(page.getByTestId('logout')).toBeInViewport();
  const header = await page.locator('header').boundingBox();
  expect(header.height, 'the header stays compact (the principal does not wrap)').toBeLessThan(isPhone() ? 400 : 120);
  await fitsTheWidth(page);
  await screenshot(page, 'header-logged-in');
});

test('the principal is copied, and the account page shows it with a QR code', async () => {
  const page = await carolsPage();
  const principal = principalOf(users.carol);
  await openAccountMenuIfCompact(page);
  await page.getByTestId('copy-principal').click();
  await expect(page.getByTestId('copy-status').first()).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(principal);

  await openAccountMenuIfCompact(page);
  await page.getByTestId('account-link').click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page).toHaveTitle('Account · ICTO');
  await expect(page.getByTestId('account-principal')).toHaveText(principal);
  const qr = page.getByTestId('principal-qr');
  await expect(qr).toHaveAttribute('role', 'img');
  await expect(qr).toHaveAttribute('aria-label', new RegExp(principal));
  const viewBox = await qr.locator('svg').getAttribute('viewBox');
  // A QR code of version v has 17 + 4v modules a side, plus the quiet zone of 4 on each side.
  const [, side, height] = viewBox.match(/^0 0 (\d+) (\d+)$/).map(Number);
  expect(side).toBe(height);
  expect((side - 8 - 17) % 4, `a QR code's side: ${viewBox}`).toBe(0);
  expect(await qr.locator('path').getAttribute('d')).toContain('M4,4h1v1h-1z');
  const box = await qr.boundingBox();
  expect(box.width, 'large enough to scan').toBeGreaterThanOrEqual(150);
  await page.getByTestId('account-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(principal);
  await fitsTheWidth(page);
  await screenshot(page, 'account');
});

test('every route has its own title', async () => {
  const page = await carolsPage();
  const titles = {};
  for (const [route, expected] of [
    ['', 'Dashboard · ICTO'],
    ['tokens', 'Tokens · ICTO'],
    ['account', 'Account · ICTO'],
    [`tokens/${paymentLedger}`, /^.+ \(ICP\) · ICTO$/],
    ['no/such/page', 'Page not found · ICTO'],
  ]) {
    await page.goto(`${deployed.app_url}${route}`);
    await expect(page).toHaveTitle(expected);
    titles[route] = await page.title();
  }
  expect(new Set(Object.values(titles)).size, 'no two routes share a title').toBe(Object.keys(titles).length);
});

test('a canister that is not there reads as a sentence, with a way back', async () => {
  const page = await carolsPage();
  await page.goto(`${deployed.app_url}tokens/aaaaa-aa`);
  const error = page.getByTestId('token-error');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toContainText('Nothing is deployed at this address');
  expect(await error.textContent()).not.toMatch(RAW_REPLICA_TEXT);
  expect(await page.locator('main').textContent()).not.toMatch(RAW_REPLICA_TEXT);
  await expect(page).toHaveTitle('Token not available · ICTO');
  await screenshot(page, 'token-not-there');
  await page.getByTestId('back-to-tokens').click();
  await expect(page).toHaveURL(/\/tokens$/);
  await page.getByTestId('token-row').first().waitFor();

  await page.goto(`${deployed.app_url}tokens/not-a-principal`);
  await expect(page.getByTestId('token-error')).toContainText('is not a canister id');
  await expect(page.getByTestId('back-to-tokens')).toBeVisible();
});

test('the transfer form: labelled, Enter reviews, invalid fields marked and announced, focus on the review', async () => {
  const page = await carolsPage();
  await openPaymentToken(page);
  const to = page.getByLabel('To (principal)');
  const amount = page.getByLabel('Amount', { exact: true });
  await expect(to).toHaveAttribute('data-testid', 'transfer-to');
  await expect(amount).toHaveAttribute('data-testid', 'transfer-amount');
  const error = page.getByTestId('transfer-error');
  await expect(error).toHaveAttribute('role', 'alert');

  await to.fill('not a principal');
  await amount.fill('1');
  await amount.press('Enter');
  await expect(error).toContainText('The recipient is not a valid principal');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toHaveAttribute('aria-describedby', 'transfer-error');
  await expect(amount).toHaveAttribute('aria-invalid', 'false');

  await to.fill(principalOf(deployed.users[1].name));
  await expect(to, 'typing clears the mark').toHaveAttribute('aria-invalid', 'false');
  await amount.fill('1.2.3');
  await to.press('Enter');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toHaveAttribute('aria-invalid', 'false');
  await screenshot(page, 'transfer-invalid-amount');

  await amount.fill('1');
  await amount.press('Enter');
  await page.getByTestId('consent-message').waitFor();
  await expect(page.getByTestId('transfer-review-box'), 'focus moves to what is to be confirmed').toBeFocused();
  await expect(amount).toHaveAttribute('aria-invalid', 'false');
  await page.getByTestId('transfer-cancel').click();
  await expect(page.getByTestId('consent-message')).toHaveCount(0);
});

test('warnings before sending to the anonymous principal, a canister, or myself', async () => {
  const page = await carolsPage();
  await openPaymentToken(page);
  const before = await balanceText(page);
  const warnings = page.getByTestId('recipient-warning');
  for (const [recipient, says] of [
    [ANONYMOUS, 'anonymous principal'],
    [deployed.config.canisters.token_factory, 'canister id'],
    [principalOf(users.carol), 'your own principal'],
  ]) {
    await page.getByTestId('transfer-to').fill(recipient);
    await page.getByTestId('transfer-amount').fill('1');
    await page.getByTestId('transfer-review').click();
    await page.getByTestId('consent-message').waitFor();
    await expect(warnings).toHaveCount(1);
    await expect(warnings).toContainText(says);
    await screenshot(page, `warning-${says.replaceAll(' ', '-')}`);
    await page.getByTestId('transfer-cancel').click();
  }
  await page.getByTestId('transfer-to').fill(principalOf(deployed.users[1].name));
  await page.getByTestId('transfer-review').click();
  await page.getByTestId('consent-message').waitFor();
  await expect(warnings, 'no warning for a person').toHaveCount(0);
  await page.getByTestId('transfer-cancel').click();
  expect(await balanceText(page), 'nothing was sent').toBe(before);
});

test('the token list shows my balance in each token', async () => {
  const page = await carolsPage();
  await openPaymentToken(page);
  const balance = await balanceText(page);
  await page.goto(`${deployed.app_url}tokens`);
  await page.locator(`[data-testid="token-list"][data-viewer="${principalOf(users.carol)}"]`).waitFor();
  const paymentRow = page.getByTestId('token-row').filter({ has: page.locator(`[data-testid="token-ledger"]`, { hasText: paymentLedger }) });
  await expect(paymentRow.getByTestId('token-balance')).toHaveText(balance);
  const demoRow = page.getByTestId('token-row').filter({ hasText: 'Alice Demo Token' });
  await expect(demoRow.getByTestId('token-balance')).toHaveText('0 ADEMO');
  await fitsTheWidth(page);
  await screenshot(page, 'tokens-with-balances');
});

test('navigation items not ready say why, in readable text', async () => {
  const page = await carolsPage();
  await page.goto(`${deployed.app_url}tokens`);
  await openAccountMenuIfCompact(page);
  const coming = page.getByTestId('nav-coming');
  await coming.first().waitFor();
  expect(await coming.count()).toBeGreaterThanOrEqual(1);
  for (const item of await coming.all()) {
    await expect(item).toBeVisible();
    await expect(item).toContainText('(coming soon)');
    await expect(item).toHaveAttribute('aria-disabled', 'true');
    const ratio = await contrastRatio(item);
    expect(ratio, `contrast of "${await item.textContent()}"`).toBeGreaterThanOrEqual(4.5);
    expect(await contrastRatio(item.locator('span')), 'the reason too').toBeGreaterThanOrEqual(4.5);
  }
  await screenshot(page, 'navigation-coming-soon');
  await logout(page);
});
