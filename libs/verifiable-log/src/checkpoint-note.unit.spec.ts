import { generateKeyPairSync } from 'node:crypto';
import { CheckpointRefused, checkpointBody, keyId, openCheckpoint, parseVerifierKey, rawPublicKey, signCheckpoint, verifierKey } from './checkpoint-note.js';

const { privateKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519').privateKey;
const NAME = 'decision-ledger.wokingham.gov.uk';
const checkpoint = { origin: 'decision-ledger.wokingham.gov.uk/ledger', treeSize: 3087, rootHash: Buffer.alloc(32, 7) };
const verifier = verifierKey(NAME, rawPublicKey(privateKey));

describe('signed checkpoints (C2SP tlog-checkpoint, signed-note)', () => {
  it('writes origin, tree size and base64 root, one a line, then a blank line and the signature line', () => {
    const note = signCheckpoint(checkpoint, NAME, privateKey);
    const [body, signatures] = note.split('\n\n');
    expect(`${body}\n`).toBe(checkpointBody(checkpoint));
    expect(body.split('\n')).toEqual(['decision-ledger.wokingham.gov.uk/ledger', '3087', Buffer.alloc(32, 7).toString('base64')]);
    expect(signatures).toMatch(new RegExp(`^— ${NAME.replaceAll('.', '\\.')} [A-Za-z0-9+/]{91}=\\n$`));
    expect(Buffer.from(signatures.split(' ')[2], 'base64').subarray(0, 4)).toEqual(keyId(NAME, rawPublicKey(privateKey)));
  });

  it('opens with the verifier key an auditor kept, giving the checkpoint back, whatever the key (its base64 may hold "+")', () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const key = generateKeyPairSync('ed25519').privateKey;
      expect(openCheckpoint(signCheckpoint(checkpoint, NAME, key), verifierKey(NAME, rawPublicKey(key)))).toEqual(checkpoint);
    }
    expect(openCheckpoint(signCheckpoint(checkpoint, NAME, privateKey), verifier)).toEqual(checkpoint);
    expect(parseVerifierKey(verifier)).toMatchObject({ name: NAME, publicKey: rawPublicKey(privateKey) });
  });

  it.each<[string, (note: string) => string]>([
    ['a tree size changed', (note) => note.replace('\n3087\n', '\n3088\n')],
    ['the root changed', (note) => note.replace(Buffer.alloc(32, 7).toString('base64'), Buffer.alloc(32, 8).toString('base64'))],
    ['the origin changed', (note) => note.replace('/ledger', '/ledger2')],
    ['the signature removed', (note) => note.split('\n\n')[0] + '\n\n'],
    ['a bit of the signature flipped', (note) => note.replace(/ (\S+)\n$/, (_, signature: string) => ` ${Buffer.from(Buffer.from(signature, 'base64').map((byte, index) => (index === 10 ? byte ^ 1 : byte))).toString('base64')}\n`)],
  ])('refuses a checkpoint with %s', (_how, spoil) => {
    expect(() => openCheckpoint(spoil(signCheckpoint(checkpoint, NAME, privateKey)), verifier)).toThrow(CheckpointRefused);
  });

  it('refuses a checkpoint signed by another key, even under the same name (a re-signed history)', () => {
    expect(() => openCheckpoint(signCheckpoint(checkpoint, NAME, other), verifier)).toThrow(`No valid signature by ${NAME} on this checkpoint.`);
  });

  it('refuses a verifier key whose id does not match', () => {
    const key = verifier.slice(verifier.indexOf('+', NAME.length + 1) + 1);
    expect(() => parseVerifierKey(`${NAME}+00000000+${key}`)).toThrow(CheckpointRefused);
    expect(() => parseVerifierKey('not a key')).toThrow(CheckpointRefused);
  });
});
