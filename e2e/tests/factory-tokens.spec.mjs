// A token made by the token factory (the deploy creates one for its first test user, alice): listed as
// hers, readable by all, and its detail page shows the metadata the factory recorded. Read-only, so every
// project plays it with the demo token's owner; the other viewer is the project's own bob.
import {
  test, expect, deployed, browsersFor, firstPage, login, balanceText, screenshot, openToken, tokenListFor,
  demoTokenOwner,
} from './fixtures.mjs';

const { browsers, users } = browsersFor('owner', 'bob');

async function demoRow(page) {
  const row = page.getByTestId('token-row').filter({ hasText: 'Alice Demo Token' });
  await row.waitFor();
  return row;
}

test('alice sees her factory-made token marked as hers, and its details', async () => {
  const page = await firstPage(browsers.owner);
  await page.goto(`${deployed.app_url}tokens`);
  const alice = await login(browsers.owner, page, demoTokenOwner);
  await tokenListFor(page, alice);
  const row = await demoRow(page);
  await row.getByTestId('mine-badge').waitFor();
  expect(await row.textContent()).toMatch(/ADEMO/);
  await screenshot(page, 'tokens-alice');

  await row.getByRole('link').first().click();
  await page.getByTestId('balance').waitFor();
  await expect(page.getByTestId('token-name')).toHaveText('Alice Demo Token');
  await expect(page.getByTestId('token-symbol')).toHaveText('ADEMO');
  await expect(page.getByTestId('token-supply')).toHaveText('1000000');
  expect(await balanceText(page)).toBe('1000000 ADEMO');
  await expect(page.locator('img[alt="logo"]'), 'the logo is shown').toHaveCount(1);
  await screenshot(page, 'token-detail-demo');
});

test('bob sees the same token in the public list, not as his', async () => {
  const page = await firstPage(browsers.bob);
  await page.goto(`${deployed.app_url}tokens`);
  const bob = await login(browsers.bob, page, users.bob);
  // The list read before the login has no marks either: check the one read for bob.
  await tokenListFor(page, bob);
  const row = await demoRow(page);
  await expect(row.getByTestId('mine-badge')).toHaveCount(0);
  const ledger = (await row.getByTestId('token-ledger').textContent()).trim();
  await openToken(page, ledger);
  expect(await balanceText(page)).toBe('0 ADEMO');
});
