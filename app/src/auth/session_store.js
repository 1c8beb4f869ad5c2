// The session key in the browser: an ECDSA P-256 WebCrypto key pair whose private key is not extractable
// (script can sign with it, never read it), kept in IndexedDB (structured clone keeps it non-extractable)
// together with the delegation chain. @dfinity/auth-client keeps its key the same way.
const DB = "icto";
const STORE = "session";
const RECORD = "current";

export async function generateSessionKey() {
  const keyPair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey("spki", keyPair.publicKey));
  return { keyPair, publicKey };
}

// IEEE P1363 r || s (64 bytes), the form the IC verifies, over SHA-256(message).
export async function signWithSessionKey(keyPair, message) {
  return new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keyPair.privateKey, message));
}

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, action) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

// record: { keyPair, publicKey: Uint8Array, chain: string (JSON) }
export function saveSession(record) {
  return withStore("readwrite", (store) => store.put(record, RECORD));
}

export function loadSession() {
  return withStore("readonly", (store) => store.get(RECORD));
}

export function clearSession() {
  return withStore("readwrite", (store) => store.delete(RECORD));
}
