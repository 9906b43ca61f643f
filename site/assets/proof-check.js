// "Verify in this browser": checks a decision's inclusion proof and the signed checkpoint with the
// browser's own cryptography (Web Crypto), trusting nothing the page says but the verifier key the
// reader gives it. It checks, and says it checked:
//   1. the sealed event's bytes hash to the leaf hash (SHA-256 of 0x00 and the bytes, RFC 9162), and
//      the event is this decision;
//   2. the leaf and its audit path lead to the checkpoint's root (RFC 9162 §2.1.3.2);
//   3. the checkpoint is signed by the verifier key (C2SP signed note, Ed25519).

const utf8 = new TextEncoder();

const hex = (bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
const fromBase64 = (text) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
const equal = (a, b) => a.length === b.length && a.every((byte, index) => byte === b[index]);

async function sha256(...parts) {
  const bytes = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

const nodeHash = (left, right) => sha256(Uint8Array.of(1), left, right);

/** RFC 9162 §2.1.3.2: the root an audit path leads to from a leaf, or null when the path cannot belong to that leaf. */
async function rootFromPath(leafHash, leafIndex, treeSize, path) {
  if (leafIndex < 0 || leafIndex >= treeSize) return null;
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize - 1);
  let root = leafHash;
  for (const sibling of path) {
    if (sibling.length !== 32 || sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      root = await nodeHash(sibling, root);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      root = await nodeHash(root, sibling);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? root : null;
}

/** The checkpoint a C2SP signed note holds, if the verifier key (`name+id+base64(0x01 ‖ key)`) signed it. */
async function openCheckpoint(note, verifierKey) {
  const key = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(verifierKey.trim());
  if (!key) throw new Error('The verifier key is not one: it reads name+id+key.');
  const [, name, id, keyBase64] = key;
  const keyBytes = fromBase64(keyBase64);
  if (keyBytes.length !== 33 || keyBytes[0] !== 1) throw new Error('The verifier key is not an Ed25519 key.');
  const publicKey = keyBytes.slice(1);
  if (hex((await sha256(utf8.encode(`${name}\n`), Uint8Array.of(1), publicKey)).slice(0, 4)) !== id) throw new Error('The verifier key’s id does not match its name and key.');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('The checkpoint is not a signed note.');
  const body = note.slice(0, split + 1);
  const imported = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  let signed = false;
  for (const line of note.slice(split + 2).trimEnd().split('\n')) {
    if (!line.startsWith(`— ${name} `)) continue;
    const signature = fromBase64(line.slice(name.length + 3));
    if (signature.length === 68 && hex(signature.slice(0, 4)) === id && (await crypto.subtle.verify({ name: 'Ed25519' }, imported, signature.slice(4), utf8.encode(body)))) signed = true;
  }
  const [origin, size, rootBase64] = body.split('\n');
  return { signed, name, origin, treeSize: Number(size), root: fromBase64(rootBase64 ?? '') };
}

async function check(proof) {
  const checks = [];
  const say = (ok, text) => checks.push({ ok, text });
  const leafBytes = proof.querySelector('[data-proof-leaf-bytes]').textContent;
  const statedLeaf = fromHex(proof.querySelector('[data-proof-leaf-hash]').textContent.trim());
  const leafHash = await sha256(Uint8Array.of(0), utf8.encode(leafBytes));
  say(equal(leafHash, statedLeaf), `The sealed event’s bytes hash to the leaf hash ${hex(leafHash).slice(0, 16)}…`);
  let event = null;
  try {
    event = JSON.parse(JSON.parse(leafBytes).body);
  } catch {
    // not a sealed event: the check below fails
  }
  say(event?.data?.ratificationId === proof.dataset.ratificationId, `The sealed event records this decision (${proof.dataset.ratificationId}).`);
  const checkpoint = await openCheckpoint(proof.querySelector('[data-proof-note]').textContent, proof.querySelector('#verifier-key').value);
  say(checkpoint.signed, `The checkpoint is signed by the key of ${checkpoint.name} you trust (Ed25519).`);
  const path = Array.from(proof.querySelectorAll('[data-proof-path] code'), (code) => fromHex(code.textContent.trim()));
  const root = await rootFromPath(leafHash, Number(proof.dataset.leafIndex), checkpoint.treeSize, path);
  say(root !== null && equal(root, checkpoint.root), `The leaf’s audit path of ${path.length} hashes leads to the root the checkpoint signs for its ${checkpoint.treeSize.toLocaleString('en-GB')} events.`);
  return checks;
}

function show(result, checks, failure) {
  const verified = failure === undefined && checks.every((entry) => entry.ok);
  result.replaceChildren();
  const heading = document.createElement('p');
  heading.className = `govuk-body govuk-!-font-weight-bold ledger-verify__outcome ledger-verify__outcome--${verified ? 'verified' : 'failed'}`;
  heading.textContent = verified ? 'Verified: this decision is in the sealed log the checkpoint signs.' : 'Not verified: the proof or the checkpoint does not hold.';
  result.append(heading);
  const list = document.createElement('ul');
  list.className = 'govuk-list';
  for (const entry of checks) {
    const item = document.createElement('li');
    item.textContent = `${entry.ok ? '✓' : '✗'} ${entry.text}`;
    list.append(item);
  }
  if (failure !== undefined) {
    const item = document.createElement('li');
    item.textContent = `✗ ${failure}`;
    list.append(item);
  }
  result.append(list);
}

/** Offers the check on a decision page that carries a proof. */
export function offerProofCheck(proof) {
  const verify = proof.querySelector('[data-proof-verify]');
  const result = proof.querySelector('[data-proof-result]');
  if (!globalThis.crypto?.subtle) return; // not a secure context: the command line check stays the way
  verify.hidden = false;
  proof.querySelector('[data-proof-run]').addEventListener('click', async () => {
    result.textContent = 'Checking…';
    try {
      show(result, await check(proof));
    } catch (error) {
      show(result, [], error instanceof Error ? error.message : String(error));
    }
  });
}
