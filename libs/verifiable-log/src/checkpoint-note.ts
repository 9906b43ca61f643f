import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Signed checkpoints in the C2SP `tlog-checkpoint` format, as a C2SP `signed-note`:
 *
 *     <origin>
 *     <tree size>
 *     <root hash, base64>
 *
 *     — <key name> <base64(key id ‖ Ed25519 signature)>
 *
 * The key id is the first 4 bytes of SHA-256(key name ‖ "\n" ‖ 0x01 ‖ public key). An auditor keeps
 * the verifier key `<name>+<key id hex>+<base64(0x01 ‖ public key)>` and checks any checkpoint offline.
 */

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
}

const ED25519 = 0x01;
const SIGNATURE_PREFIX = '— ';

/** The checkpoint's body: the text that is signed. */
export function checkpointBody({ origin, treeSize, rootHash }: Checkpoint): string {
  if (origin.length === 0 || /[\n+]/.test(origin) || origin.trim() !== origin) throw new Error(`Not a checkpoint origin: ${JSON.stringify(origin)}.`);
  return `${origin}\n${treeSize}\n${rootHash.toString('base64')}\n`;
}

/** The raw 32-byte Ed25519 public key of a key object (private or public). */
export function rawPublicKey(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
}

export function keyId(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256').update(name).update('\n').update(Buffer.from([ED25519])).update(publicKey).digest().subarray(0, 4);
}

/** The verifier key an auditor keeps: `<name>+<key id hex>+<base64(0x01 ‖ public key)>`. */
export function verifierKey(name: string, publicKey: Buffer): string {
  return `${name}+${keyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), publicKey]).toString('base64')}`;
}

/** A checkpoint signed by `name`'s Ed25519 private key (PEM or key object). */
export function signCheckpoint(checkpoint: Checkpoint, name: string, privateKey: KeyObject | string): string {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  const body = checkpointBody(checkpoint);
  const signature = sign(null, Buffer.from(body, 'utf8'), key);
  const id = keyId(name, rawPublicKey(key));
  return `${body}\n${SIGNATURE_PREFIX}${name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

export class CheckpointRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CheckpointRefused';
  }
}

/** Parses a verifier key; throws when it is not one. */
export function parseVerifierKey(text: string): { name: string; id: Buffer; publicKey: Buffer } {
  // `<name>+<id>+<key>`: the name holds no "+", the base64 key may.
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(text.trim());
  const [, name, idHex, keyBase64] = match ?? [];
  const bytes = Buffer.from(keyBase64 ?? '', 'base64');
  if (!match || bytes.length !== 33 || bytes[0] !== ED25519) throw new CheckpointRefused('Not an Ed25519 verifier key.');
  const publicKey = bytes.subarray(1);
  if (!keyId(name, publicKey).equals(Buffer.from(idHex, 'hex'))) throw new CheckpointRefused('The verifier key’s id does not match its name and key.');
  return { name, id: Buffer.from(idHex, 'hex'), publicKey };
}

/** The checkpoint a signed note holds, once its signature by the verifier key is checked. */
export function openCheckpoint(note: string, verifier: string): Checkpoint {
  const key = parseVerifierKey(verifier);
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new CheckpointRefused('Not a signed note: no blank line before the signatures.');
  const body = note.slice(0, split + 1);
  const signatures = note.slice(split + 2, -1).split('\n');
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey.toString('base64url') }, format: 'jwk' });
  const signed = signatures.some((line) => {
    if (!line.startsWith(`${SIGNATURE_PREFIX}${key.name} `)) return false;
    const bytes = Buffer.from(line.slice(SIGNATURE_PREFIX.length + key.name.length + 1), 'base64');
    return bytes.length === 68 && bytes.subarray(0, 4).equals(key.id) && verify(null, Buffer.from(body, 'utf8'), publicKey, bytes.subarray(4));
  });
  if (!signed) throw new CheckpointRefused(`No valid signature by ${key.name} on this checkpoint.`);
  return checkpointOfBody(body);
}

/**
 * A signed checkpoint as an auditor keeps it in a file, checked for shape (its signature is checked
 * by `openCheckpoint`): the note with the one final newline it ends with — `curl … | jq -r .note`
 * writes one more, and some editors carriage returns. Throws `CheckpointRefused` saying what is wrong.
 */
export function readCheckpointNote(text: string): string {
  const note = `${text.replaceAll('\r\n', '\n').trimEnd()}\n`;
  if (note.trim() === '') throw new CheckpointRefused('It is empty.');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new CheckpointRefused('Not a signed note: no blank line before the signatures.');
  if (!note.slice(split + 2, -1).split('\n').every((line) => line.startsWith(SIGNATURE_PREFIX))) {
    throw new CheckpointRefused(`Its signature lines must each begin with "${SIGNATURE_PREFIX.trim()} ".`);
  }
  checkpointOfBody(note.slice(0, split + 1));
  return note;
}

/** The checkpoint a note's body states: origin, tree size and root hash, one a line. */
function checkpointOfBody(body: string): Checkpoint {
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointRefused('A checkpoint has an origin, a tree size and a root hash.');
  const [origin, size, root] = lines;
  const rootHash = Buffer.from(root, 'base64');
  if (!/^(0|[1-9]\d*)$/.test(size) || !Number.isSafeInteger(Number(size)) || rootHash.length !== 32 || rootHash.toString('base64') !== root) {
    throw new CheckpointRefused('The checkpoint’s tree size or root hash is malformed.');
  }
  return { origin, treeSize: Number(size), rootHash };
}
