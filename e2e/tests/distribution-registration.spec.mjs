// Self-registration: alice creates (through the wizard, paid) a campaign with no fixed recipients whose
// registration window opens now and closes shortly after, for 2 places; carol registers from the campaign's
// page, sees her allocation and "1 of 2 places taken", and is not offered to register again; once the window
// has closed, alice funds the campaign for who registered and activates it.
import { test, expect, browsersFor, firstPage, login, screenshot, devnetNowMs, advanceDevnetTime } from './fixtures.mjs';
import { appUrl } from './wizard-helpers.mjs';

const { browsers, users } = browsersFor('issuer', 'joiner');
/** Long enough for the creation and carol's registration on a loaded machine; the journey then moves the
 * devnet's clock to its end rather than waiting (see `advanceDevnetTime` for why the moves stay small). */
const WINDOW_SECONDS = 60;

let title;
let campaign;
/** When the window closes, on the devnet's clock (ms). */
let closesAtMs;
let alicePage;

test.beforeAll(async ({}, testInfo) => {
  title = `Open drop ${testInfo.project.name.startsWith('phone') ? 'P' : 'D'} ${Date.now() % 100000}`;
});

test('alice creates a campaign without recipients where people register themselves for 2 places', async () => {
  alicePage = await firstPage(browsers.issuer);
  const page = alicePage;
  await page.goto(appUrl);
  await login(browsers.issuer, page, users.issuer);
  await page.goto(`${appUrl}distributions/new`);
  await expect(page.getByTestId('campaign-token-info')).toContainText('ICP');
  await page.getByTestId('campaign-title').fill(title);
  await page.getByTestId('cat0-shape').selectOption('instant');

  await page.getByTestId('campaign-reg-enabled').check();
  // The window closes WINDOW_SECONDS after the devnet's now (which earlier journeys may have moved ahead of
  // this machine's clock), written in the browser's time zone, to the second.
  const devnetNow = await devnetNowMs();
  // The form takes whole seconds: the window closes at most this late.
  closesAtMs = devnetNow + WINDOW_SECONDS * 1000;
  const closes = await page.evaluate(
    ([now, s]) => {
      const d = new Date(now + s * 1000);
      const p = (n) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    },
    [devnetNow, WINDOW_SECONDS],
  );
  await page.getByTestId('campaign-reg-closes').fill(closes);
  await page.getByTestId('campaign-reg-amount').fill('0.1');
  await page.getByTestId('campaign-reg-places').fill('0');
  await expect(page.getByTestId('campaign-reg-error')).toContainText('number of registrants must be between 1 and');
  await page.getByTestId('campaign-reg-places').fill('2');
  await expect(page.getByTestId('campaign-reg-error')).toBeEmpty();
  await expect(page.getByTestId('campaign-error')).toBeEmpty();

  await page.getByTestId('deploy-review').click();
  await page.getByTestId('deploy-review-step').waitFor();
  await expect(page.getByTestId('review-recipients')).toHaveText('0 rows');
  await expect(page.getByTestId('review-registration')).toContainText('2 places of 0.1 ICP');
  await expect(page.getByTestId('review-fund-total')).toHaveText('0.2002 ICP'); // 2 × (0.1 + the 0.0001 fee)
  await expect(page.getByTestId('review-registration-max')).toContainText('the most');
  await screenshot(page, 'registration-review');
  await page.getByTestId('deploy-confirm').click();
  await expect(page.getByTestId('deploy-done')).toBeVisible({ timeout: 120_000 });
  campaign = (await page.getByTestId('deploy-canister').textContent()).trim();
  await page.getByTestId('deploy-campaign-link').click();
  await expect(page.getByTestId('registration')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('registration-places')).toHaveText('0 of 2 places taken');
});

test('carol registers from the campaign page: her allocation, 1 of 2 places, no second registration', async () => {
  const page = await firstPage(browsers.joiner);
  await page.goto(appUrl);
  await login(browsers.joiner, page, users.joiner);
  await page.goto(`${appUrl}distributions/${campaign}`);
  await expect(page.getByTestId('campaign-title')).toHaveText(title);
  await expect(page.getByTestId('my-allocation-none')).toBeVisible();
  await page.getByTestId('register').click();
  await expect(page.getByTestId('register-outcome')).toContainText('0.1 ICP is allocated to you', { timeout: 60_000 });
  await expect(page.getByTestId('registration-places')).toHaveText('1 of 2 places taken');
  await expect(page.getByTestId('my-amount')).toHaveText('0.1 ICP');
  await expect(page.getByTestId('campaign-recipients')).toHaveText('1');
  await expect(page.getByTestId('registration-mine')).toBeVisible();
  await expect(page.getByTestId('register')).toHaveCount(0);
  await screenshot(page, 'registration-registered');
});

test('after the window closes, alice funds the campaign for who registered and activates it', async () => {
  const page = alicePage;
  await advanceDevnetTime(Math.max(1, Math.ceil((closesAtMs - (await devnetNowMs())) / 1000) + 1));
  await page.reload();
  await expect(page.getByTestId('campaign-allocated')).toHaveText('0.1 ICP');
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('registration')).toHaveAttribute('data-state', 'closed', { timeout: 3_000 });
  }).toPass({ timeout: 30_000, intervals: [1_000] });
  await page.getByTestId('campaign-fund').click();
  await expect(page.getByTestId('campaign-funding')).toHaveAttribute('data-funded', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('campaign-funding')).toContainText('holds 0.1001 ICP of the 0.1001 ICP');
  await page.getByTestId('campaign-activate').click();
  await expect(page.getByTestId('campaign-status')).toHaveAttribute('data-status', 'Active', { timeout: 60_000 });
  await expect(page.getByTestId('campaign-recipient')).toHaveCount(1);
  await screenshot(page, 'registration-active');
});
