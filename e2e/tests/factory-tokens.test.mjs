// A token made by the token factory (the deploy creates one for alice): listed as hers, readable by all,
// and its detail page shows the metadata the factory recorded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deployed, freshContext, login, balanceText, screenshot, openToken } from './browser.mjs';

let alice;
let bob;

before(async () => {
  alice = await freshContext();
  bob = await freshContext();
});

after(async () => {
  await alice?.close();
  await bob?.close();
});

async function demoRow(page) {
  const row = page.getByTestId('token-row').filter({ hasText: 'Alice Demo Token' });
  await row.waitFor();
  return row;
}

test('alice sees her factory-made token marked as hers, and its details', async () => {
  const page = alice.pages()[0] ?? (await alice.newPage());
  await page.goto(`${deployed.app_url}tokens`);
  await login(alice, page, 'alice');
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
  const page = bob.pages()[0] ?? (await bob.newPage());
  await page.goto(`${deployed.app_url}tokens`);
  await login(bob, page, 'bob');
  const row = await demoRow(page);
  assert.equal(await row.getByTestId('mine-badge').count(), 0);
  const ledger = (await row.locator('td').nth(2).textContent()).trim();
  await openToken(page, ledger);
  assert.equal(await balanceText(page), '0 ADEMO');
});
