// Acts as the deployer (the controller of the payment ledger) through devnet's command line, as a
// developer would with `devnet canister --identity`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

const run = promisify(execFile);

export async function setPaymentFee(ledger, fee) {
  const wasm = path.join(process.env.E2E_WASM_DIR, 'token.wasm');
  const arg = `(variant { Upgrade = opt record { transfer_fee = opt (${fee} : nat) } })`;
  await run(process.env.E2E_DEVNET, [
    'canister', '--url', process.env.E2E_URL, '--identity', process.env.E2E_DEPLOYER_PEM,
    'upgrade', ledger, wasm, '--arg', arg,
  ]);
}
