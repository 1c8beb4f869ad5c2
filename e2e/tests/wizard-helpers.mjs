// Shared by the wizard and admin journeys: logging in on a fresh page, reading balances from the dashboard,
// and acting as the deployer (the backend's admin and the canisters' controller) or as a stranger with
// @dfinity/agent, as a developer would from a script.
import { Actor, HttpAgent, SignIdentity } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deployed, login, baseUnits } from './fixtures.mjs';

export const appUrl = deployed.app_url;
export const ids = deployed.config.canisters;
export const E8 = 100_000_000n;
/** The local payment ledger's fee (tools/deploy). */
export const LEDGER_FEE = 10_000n;
/** The token fee the deploy sets (tools/deploy: 1 ICP) and the cycles a token deployment burns. */
export const TOKEN_FEE = E8;
const TOKEN_CYCLES = 2_000_000_000_000n;

export const userPrincipal = (name) => deployed.users.find((u) => u.name === name).principal;

/** A new browser context in the project's viewport with `user` logged in; returns its page. */
export async function loggedInPage(browser, testInfo, user) {
  const { viewport, isMobile, hasTouch, deviceScaleFactor } = testInfo.project.use;
  const context = await browser.newContext({ viewport, isMobile, hasTouch, deviceScaleFactor });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  await page.goto(appUrl);
  await login(context, page, user);
  return page;
}

/** My payment-token balance as the dashboard shows it, read fresh. */
export async function dashboardBalance(page) {
  await page.goto(appUrl);
  const balance = page.getByTestId('dashboard-balance');
  await balance.waitFor();
  return baseUnits(await balance.textContent());
}

/** Fills the wizard's form and opens the review with the ledger's consent message. */
export async function reviewToken(page, { name, symbol, supply = '1000' }) {
  await page.goto(`${appUrl}deploy/token`);
  await page.getByTestId('token-name').fill(name);
  await page.getByTestId('token-symbol').fill(symbol);
  await page.getByTestId('token-supply').fill(supply);
  await page.getByTestId('deploy-review').click();
  await page.getByTestId('deploy-review-step').waitFor();
}

class PemEd25519Identity extends SignIdentity {
  constructor(pem) {
    super();
    this.privateKey = crypto.createPrivateKey(pem);
    const der = new Uint8Array(crypto.createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' }));
    this.publicKey = { toDer: () => der, derKey: der, rawKey: der.slice(12) };
  }
  getPublicKey() {
    return this.publicKey;
  }
  async sign(blob) {
    return new Uint8Array(crypto.sign(null, Buffer.from(blob), this.privateKey));
  }
}

async function agentFor(identity) {
  // The devnet's clock may run ahead of this machine's (advanceDevnetTime): date requests by it.
  const agent = await HttpAgent.create({ host: process.env.E2E_URL, identity, shouldFetchRootKey: true, shouldSyncTime: true });
  return agent;
}

export const deployerAgent = () => agentFor(new PemEd25519Identity(readFileSync(process.env.E2E_DEPLOYER_PEM, 'utf8')));
/** A fresh key nobody made admin. */
export const strangerAgent = () => {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  return agentFor(new PemEd25519Identity(privateKey.export({ format: 'pem', type: 'pkcs8' })));
};

const ContractType = IDL.Variant({ Token: IDL.Null, Distribution: IDL.Null, Multisig: IDL.Null, Dao: IDL.Null, Launchpad: IDL.Null });
const Settings = IDL.Record({ fee: IDL.Nat, cycles: IDL.Nat, enabled: IDL.Bool, factory: IDL.Opt(IDL.Principal) });
const BackendError = IDL.Variant({
  Unauthorized: IDL.Null,
  InvalidArgument: IDL.Text,
  FeeBelowCycleCost: IDL.Record({ min_fee: IDL.Nat }),
  RegistryFull: IDL.Record({ max: IDL.Nat32 }),
});
export const Unit = IDL.Variant({ Ok: IDL.Null, Err: BackendError });
const backendIdl = () => IDL.Service({
  set_contract_type: IDL.Func([ContractType, Settings], [Unit], []),
  set_admins: IDL.Func([IDL.Vec(IDL.Principal)], [Unit], []),
});

export function backendActor(agent) {
  return Actor.createActor(backendIdl, { agent, canisterId: ids.backend });
}

/** Sets the token type's fee and flag as `agent` (the factory and cycles stay the deploy's). */
export async function setTokenType(agent, { fee = TOKEN_FEE, enabled = true }) {
  return backendActor(agent).set_contract_type({ Token: null },
    { fee, cycles: TOKEN_CYCLES, enabled, factory: [Principal.fromText(ids.token_factory)] });
}

const CanisterId = IDL.Record({ canister_id: IDL.Principal });
const managementIdl = () => IDL.Service({
  stop_canister: IDL.Func([CanisterId], [], []),
  start_canister: IDL.Func([CanisterId], [], []),
});

/** Stops or starts a canister as its controller (the deployer), through the management canister. */
export async function setRunning(canister, running) {
  const agent = await deployerAgent();
  const id = Principal.fromText(canister);
  const management = Actor.createActor(managementIdl, { agent, canisterId: Principal.managementCanister(), effectiveCanisterId: id });
  await (running ? management.start_canister({ canister_id: id }) : management.stop_canister({ canister_id: id }));
}
