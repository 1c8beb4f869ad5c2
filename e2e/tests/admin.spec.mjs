// The admin console: a non-admin sees none and the backend refuses their config calls; an admin (the
// project's carol, made admin with the deployer's key) changes the token fee and the wizard shows the new fee; the audit
// log's hash chain verifies in the browser against the certified tip.
import { test, expect } from './fixtures.mjs';
import { appUrl, ids, loggedInPage, deployerAgent, strangerAgent, setTokenType, backendActor, userPrincipal } from './wizard-helpers.mjs';
import { Principal } from '@dfinity/principal';

test.describe.configure({ mode: 'serial' });

test('a non-admin sees no admin console and the backend refuses their config calls', async ({ browser, cast }, testInfo) => {
  const page = await loggedInPage(browser, testInfo, cast.bob);
  try {
    await page.getByTestId('dashboard-balance').waitFor();
    await expect(page.getByTestId('nav-admin')).toHaveCount(0);
    await page.goto(`${appUrl}admin`);
    await expect(page.getByTestId('admin-refused')).toBeVisible();
    await expect(page.getByTestId('admin-type')).toHaveCount(0);
  } finally {
    await page.context().close();
  }
  const stranger = await strangerAgent();
  expect(await setTokenType(stranger, { fee: 1n, enabled: false })).toEqual({ Err: { Unauthorized: null } });
  expect(await backendActor(stranger).set_admins([await stranger.getPrincipal()])).toEqual({ Err: { Unauthorized: null } });
});

test('an admin changes a fee in the console and the wizard shows the new fee', async ({ browser, cast }, testInfo) => {
  const deployer = await deployerAgent();
  const admins = [await deployer.getPrincipal(), Principal.fromText(userPrincipal(cast.carol))];
  expect(await backendActor(deployer).set_admins(admins)).toEqual({ Ok: null });
  const page = await loggedInPage(browser, testInfo, cast.carol);
  try {
    await page.goto(`${appUrl}admin`);
    const token = page.locator('[data-testid="admin-type"][data-type="Token"]');
    await expect(token.getByTestId('admin-fee')).toHaveValue('1');
    await expect(token.getByTestId('admin-cycles')).toContainText('2,000,000,000,000');
    await expect(page.getByTestId('admin-factory').first()).toHaveText(ids.token_factory);
    await expect(page.getByTestId('audit-verified')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('audit-entry').first()).toBeVisible();

    await token.getByTestId('admin-fee').fill('2');
    await token.getByTestId('admin-save').click();
    await expect(page.getByTestId('admin-saved')).toBeVisible();
    await page.goto(`${appUrl}deploy/token`);
    await expect(page.getByTestId('deploy-fee')).toHaveText('2 ICP');
    await expect(page).toHaveTitle(/Deploy a token/);
  } finally {
    await page.context().close();
    await setTokenType(deployer, {});
    await backendActor(deployer).set_admins([admins[0]]);
  }
});
