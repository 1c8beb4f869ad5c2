// A token made by the token factory (the deploy creates one for alice): listed as hers, readable by all,
// and its detail page shows the metadata the factory recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployed, browsersFor, login, balanceText, screenshot, openToken, tokenListFor } from './browser.mjs';

const browsers = browsersFor('alice', 'bob');

async function demoRow(page) {
  const row = page.getByTestId('token-row').filter({ hasText: 'Alice Demo Token' });
  await row.waitFor();
  return row;
}

test('alice sees her factory-made token marked as hers, and its details', async () => {
  const page = browsers.alice.pages()[0] ?? (await browsers.alice.newPage());
  await page.goto(`${deployed.app_url}tokens`);
  const alice = await login(browsers.alice, page, 'alice');
  await tokenListFor(page, alice);
  const row = await demoRow(page);
  await row.getByTestId('mine-badge').waitFor();
  assert.match(await row.textContent(), /ADEMO/);
  await screenshot(page, 'tokens-alice');

  await row.getByRole('link').click();
  await page.getByTestId('balance').waitFor();
  assert.equal((await page.getByTestId('token-name').textContent()).trim(), 'Alice Demo Token');
  assert.equal((await page.getByTestId('token-symbol').textContent()).trim(), 'ADEMO');
  assert.equal((await page.getByTestId('token-supply').textContent()).trim(), '1000000');
  assert.equal(await balanceText(page), '1000000 ADEMO');
  assert.equal(await page.locator('img[alt="logo"]').count(), 1, 'the logo is shown');
  await screenshot(page, 'token-detail-demo');
});

test('bob sees the same token in the public list, not as his', async () => {
  const page = browsers.bob.pages()[0] ?? (await browsers.bob.newPage());
  await page.goto(`${deployed.app_url}tokens`);
  const bob = await login(browsers.bob, page, 'bob');
  // The list read before the login has no marks either: check the one read for bob.
  await tokenListFor(page, bob);
  const row = await demoRow(page);
  assert.equal(await row.getByTestId('mine-badge').count(), 0);
  const ledger = (await row.locator('td').nth(2).textContent()).trim();
  await openToken(page, ledger);
  assert.equal(await balanceText(page), '0 ADEMO');
});
