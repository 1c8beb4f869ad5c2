// Login security in the browser: the session key is a non-extractable WebCrypto key in IndexedDB (nothing
// in localStorage), the delegation comes from a canister-signature user key (as Internet Identity's), and
// the dev identity provider answers only the window that opened it.
import {
  test, expect, deployed, browsersFor, firstPage, screenshot, principalOf, shownPrincipal, logout, openAccountMenuIfCompact,
} from './fixtures.mjs';

const { browsers, users } = browsersFor('carol');
// DER prefix of a canister-signature public key: SEQUENCE { SEQUENCE { OID 1.3.6.1.4.1.56387.1.2 } ...
const CANISTER_SIG_KEY_OID = '300c060a2b0601040183b8430102';

/** What the page keeps about the session, read the way the app stores it. */
async function storedSession(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('icto');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const record = await new Promise((resolve, reject) => {
      const request = db.transaction('session').objectStore('session').get('current');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    if (!record) return null;
    const key = record.keyPair.privateKey;
    let exported = true;
    try { await crypto.subtle.exportKey('pkcs8', key); } catch { exported = false; }
    return {
      type: key.type, extractable: key.extractable, algorithm: key.algorithm.name, curve: key.algorithm.namedCurve,
      exported, chain: JSON.parse(record.chain), localStorage: JSON.stringify(localStorage),
    };
  });
}

test('the provider answers only its opener, and the session key cannot leave WebCrypto', async () => {
  const context = browsers.carol;
  const page = await firstPage(context);
  await page.goto(`${deployed.app_url}tokens`);

  await openAccountMenuIfCompact(page);
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByTestId('login').click()]);
  await popup.waitForLoadState();
  const status = popup.locator('#status');
  await status.filter({ hasText: `Choose a test user for ${deployed.app_origin}` }).waitFor();
  // Another window (here the popup itself) asks for a delegation to its own origin: it is ignored.
  await popup.evaluate(() => window.postMessage(
    { kind: 'authorize-client', sessionPublicKey: new Uint8Array([0x30, 0x03, 0x01, 0x02, 0x03]) }, '*'));
  await popup.waitForTimeout(500);
  expect((await status.textContent()).trim(), 'a message from a window other than the opener changes nothing')
    .toBe(`Choose a test user for ${deployed.app_origin}:`);
  await screenshot(popup, 'provider-opener-only');
  await popup.locator(`button[data-user="${users.carol}"]`).click();
  expect(await shownPrincipal(page)).toBe(principalOf(users.carol));

  const stored = await storedSession(page);
  expect(stored, 'the session is in IndexedDB').toBeTruthy();
  expect(
    [stored.type, stored.algorithm, stored.curve, stored.extractable, stored.exported],
    'a non-extractable ECDSA P-256 private key',
  ).toEqual(['private', 'ECDSA', 'P-256', false, false]);
  expect(stored.localStorage, 'nothing of the session in localStorage').not.toMatch(/session|secret/i);
  expect(stored.chain.user_public_key.slice(4).startsWith(CANISTER_SIG_KEY_OID),
    `the user key is a canister-signature key: ${stored.chain.user_public_key}`).toBe(true);

  // The stored session signs after a reload, and logging out deletes it.
  await page.reload();
  await shownPrincipal(page);
  await logout(page);
  expect(await storedSession(page), 'logout deletes the stored session').toBeNull();
});
