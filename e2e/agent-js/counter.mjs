// @dfinity/agent against devnet: update and query calls on the counter canister with certificate
// and query-signature verification on (the defaults), after fetchRootKey.
// Usage: node e2e/agent-js/counter.mjs <devnet-url> <counter-canister-id>
// Prints one PASS/FAIL line per check and exits non-zero on any failure.
import { Actor, HttpAgent, SignIdentity } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import crypto from 'node:crypto';

const [host, canisterText] = process.argv.slice(2);
if (!host || !canisterText) {
  console.error('usage: node counter.mjs <devnet-url> <counter-canister-id>');
  process.exit(2);
}
const canisterId = Principal.fromText(canisterText);
const counterIdl = ({ IDL }) => IDL.Service({ inc: IDL.Func([], [IDL.Nat64], []), get: IDL.Func([], [IDL.Nat64], ['query']) });

/** An Ed25519 identity on Node's crypto (so the test needs no @dfinity/identity). */
class NodeEd25519Identity extends SignIdentity {
  constructor() {
    super();
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    const der = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
    this.publicKey = { toDer: () => der, derKey: der, rawKey: der.slice(12) };
  }
  getPublicKey() {
    return this.publicKey;
  }
  async sign(blob) {
    return new Uint8Array(crypto.sign(null, Buffer.from(blob), this.privateKey));
  }
}

/** An ECDSA P-256 identity (the @dfinity/auth-client default session key type), on Node's crypto. */
class NodeP256Identity extends SignIdentity {
  constructor() {
    super();
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.privateKey = privateKey;
    const der = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
    this.publicKey = { toDer: () => der, derKey: der };
  }
  getPublicKey() {
    return this.publicKey;
  }
  async sign(blob) {
    return new Uint8Array(crypto.sign('sha256', Buffer.from(blob), { key: this.privateKey, dsaEncoding: 'ieee-p1363' }));
  }
}

let failures = 0;
async function check(name, fn) {
  try {
    const detail = await fn();
    console.log(`PASS ${name}${detail ? ` (${detail})` : ''}`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

async function actorFor(identity) {
  const agent = await HttpAgent.create({ host, identity, shouldFetchRootKey: true });
  return Actor.createActor(counterIdl, { agent, canisterId });
}

await check('anonymous update + verified query', async () => {
  const actor = await actorFor(undefined);
  const first = await actor.inc();
  const after = await actor.inc();
  if (after !== first + 1n) throw new Error(`inc returned ${after}, expected ${first + 1n}`);
  const read = await actor.get();
  if (read !== after) throw new Error(`get returned ${read}, expected ${after}`);
  return `counter ${read}`;
});

await check('Ed25519-signed update + verified query', async () => {
  const identity = new NodeEd25519Identity();
  const actor = await actorFor(identity);
  const before = await actor.get();
  const after = await actor.inc();
  if (after !== before + 1n) throw new Error(`inc returned ${after}, expected ${before + 1n}`);
  return `sender ${identity.getPrincipal().toText()}`;
});

await check('ECDSA P-256-signed update + verified query', async () => {
  const actor = await actorFor(new NodeP256Identity());
  const after = await actor.inc();
  const read = await actor.get();
  if (read !== after) throw new Error(`get returned ${read}, expected ${after}`);
  return `counter ${read}`;
});

await check('missing canister is rejected', async () => {
  const agent = await HttpAgent.create({ host, shouldFetchRootKey: true });
  const actor = Actor.createActor(counterIdl, { agent, canisterId: Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai') });
  try {
    await actor.get();
  } catch (e) {
    return 'rejected';
  }
  throw new Error('a query to a missing canister succeeded');
});

console.log(failures === 0 ? 'agent-js e2e: PASS' : `agent-js e2e: FAIL (${failures} failed)`);
process.exit(failures === 0 ? 0 : 1);
