// Fills the backend's registry for the dashboard benchmark: four probe canisters, whitelisted by the
// deployer (the backend's admin) as the factories of the four contract types that have none yet, report
// relationships through the registry's real endpoint (`report_relationships`, 100 changes per call, the
// endpoint's limit) until it holds RELATIONSHIPS of USERS users. The first user is `E2E_BENCH_USER` (a
// deployed test user), with relationships of every role.
//
// Environment: E2E_DEPLOY, E2E_URL, E2E_DEPLOYER_PEM, E2E_WASM_DIR (as e2e/run sets them);
// BENCH_RELATIONSHIPS (default 1,000,000), BENCH_USERS (default 10,000), BENCH_CONCURRENCY (default 8).
import { Actor } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Unit, backendActor, deployerAgent, ids, userPrincipal } from '../tests/wizard-helpers.mjs';

const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BATCH = 100;
const benchUser = Principal.fromText(userPrincipal(process.env.E2E_BENCH_USER ?? 'alice'));

/** The roles each contract type's relationships take (a factory reports only its own type). */
const TYPES = [
  { type: 'Distribution', roles: ['Owner', 'Recipient'] },
  { type: 'Multisig', roles: ['Signer', 'Observer'] },
  { type: 'Dao', roles: ['Member'] },
  { type: 'Launchpad', roles: ['Owner', 'Participant'] },
];

const Role = IDL.Variant(Object.fromEntries(['Owner', 'Recipient', 'Signer', 'Observer', 'Member', 'Participant'].map((r) => [r, IDL.Null])));
const Change = IDL.Record({
  user: IDL.Principal, role: Role, contract: IDL.Principal, action: IDL.Variant({ Add: IDL.Null, Remove: IDL.Null }),
});
const CallOutcome = IDL.Variant({ Replied: IDL.Vec(IDL.Nat8), Rejected: IDL.Record({ code: IDL.Nat32, message: IDL.Text }) });
const probeIdl = () => IDL.Service({ call_raw: IDL.Func([IDL.Principal, IDL.Text, IDL.Vec(IDL.Nat8)], [CallOutcome], []) });
const managementIdl = () => IDL.Service({
  provisional_create_canister_with_cycles: IDL.Func(
    [IDL.Record({ amount: IDL.Opt(IDL.Nat), settings: IDL.Opt(IDL.Null), specified_id: IDL.Opt(IDL.Principal), sender_canister_version: IDL.Opt(IDL.Nat64) })],
    [IDL.Record({ canister_id: IDL.Principal })], []),
  install_code: IDL.Func([IDL.Record({
    mode: IDL.Variant({ install: IDL.Null }), canister_id: IDL.Principal, wasm_module: IDL.Vec(IDL.Nat8),
    arg: IDL.Vec(IDL.Nat8), sender_canister_version: IDL.Opt(IDL.Nat64),
  })], [], []),
});

/** A principal shaped like a self-authenticating user's (28 hash bytes and the 0x02 tag). */
function syntheticUser(n) {
  const bytes = crypto.createHash('sha256').update(`bench-user-${n}`).digest().subarray(0, 28);
  return Principal.fromUint8Array(Uint8Array.from([...bytes, 0x02]));
}

/** A canister-shaped id (opaque, 10 bytes ending 0x01) for contract `n`: not deployed, only registered. */
function syntheticContract(n) {
  const bytes = new Uint8Array(10);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(n) + (1n << 40n));
  bytes[8] = 0xfe;
  bytes[9] = 0x01;
  return Principal.fromUint8Array(bytes);
}

/** The i-th relationship of user u (of `per` each): types and roles in turn, so every user has every role. */
function relationship(u, i, user) {
  const { type, roles } = TYPES[i % TYPES.length];
  const role = roles[Math.floor(i / TYPES.length) % roles.length];
  return { type, change: { user, role: { [role]: null }, contract: syntheticContract(u * 1_000 + i), action: { Add: null } } };
}

const agent = await deployerAgent();
const management = Actor.createActor(managementIdl, { agent, canisterId: Principal.managementCanister(), effectiveCanisterId: Principal.fromText(ids.backend) });
const backend = backendActor(agent);
const wasm = readFileSync(path.join(process.env.E2E_WASM_DIR, 'devnet-probe.wasm'));

const probes = {};
for (const { type } of TYPES) {
  const { canister_id } = await management.provisional_create_canister_with_cycles({
    amount: [100_000_000_000_000n], settings: [], specified_id: [], sender_canister_version: [],
  });
  await management.install_code({ mode: { install: null }, canister_id, wasm_module: [...wasm], arg: [], sender_canister_version: [] });
  const set = await backend.set_contract_type({ [type]: null }, { fee: 1_000_000n, cycles: 0n, enabled: false, factory: [canister_id] });
  if (!('Ok' in set)) throw new Error(`whitelisting the ${type} probe: ${JSON.stringify(set)}`);
  probes[type] = Actor.createActor(probeIdl, { agent, canisterId: canister_id });
  console.log(`probe for ${type}: ${canister_id.toText()}`);
}

// Batches per type, each of at most BATCH changes, in user order.
const per = Math.ceil(RELATIONSHIPS / USERS);
function* batches() {
  const pending = Object.fromEntries(TYPES.map(({ type }) => [type, []]));
  for (let u = 0; u < USERS; u++) {
    const user = u === 0 ? benchUser : syntheticUser(u);
    for (let i = 0; i < per && u * per + i < RELATIONSHIPS; i++) {
      const { type, change } = relationship(u, i, user);
      pending[type].push(change);
      if (pending[type].length === BATCH) {
        yield { type, changes: pending[type] };
        pending[type] = [];
      }
    }
  }
  for (const [type, changes] of Object.entries(pending)) if (changes.length) yield { type, changes };
}

const started = Date.now();
let sent = 0;
let next = 0;
const source = batches();
async function worker() {
  for (let item = source.next(); !item.done; item = source.next()) {
    const { type, changes } = item.value;
    const arg = IDL.encode([IDL.Vec(Change)], [changes]);
    const outcome = await probes[type].call_raw(Principal.fromText(ids.backend), 'report_relationships', [...new Uint8Array(arg)]);
    if (!('Replied' in outcome)) throw new Error(`report_relationships rejected: ${JSON.stringify(outcome.Rejected)}`);
    const [result] = IDL.decode([Unit], Uint8Array.from(outcome.Replied));
    if (!('Ok' in result)) throw new Error(`report_relationships refused: ${JSON.stringify(result.Err)}`);
    sent += changes.length;
    if (sent >= next) {
      console.log(`${sent} relationships in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      next += 50_000;
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
console.log(`registry filled: ${sent} relationships of ${USERS} users in ${((Date.now() - started) / 1000).toFixed(0)} s`);
