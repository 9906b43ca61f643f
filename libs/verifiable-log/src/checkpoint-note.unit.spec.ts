import { generateKeyPairSync } from 'node:crypto';
import { CheckpointRefused, checkpointBody, keyId, openCheckpoint, parseVerifierKey, rawPublicKey, readCheckpointNote, signCheckpoint, verifierKey } from './checkpoint-note.js';

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

describe('a signed checkpoint as an auditor keeps it in a file', () => {
  const note = signCheckpoint(checkpoint, NAME, privateKey);

  it('is the note, with the extra newline `jq -r .note` writes (or Windows line ends) taken away, and opens', () => {
    for (const text of [note, `${note}\n`, `${note}\n\n`, note.replaceAll('\n', '\r\n'), note.slice(0, -1)]) {
      expect(readCheckpointNote(text)).toBe(note);
      expect(openCheckpoint(readCheckpointNote(text), verifier)).toEqual(checkpoint);
    }
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /^It is empty\.$/],
    ['only blank lines', '\n \n', /^It is empty\.$/],
    ['not a note', 'hello\n', /^Not a signed note: no blank line before the signatures\.$/],
    ['a verifier key instead', `${verifier}\n`, /^Not a signed note/],
    ['a note without its signature', `${note.split('\n\n')[0]}\n\n`, /^Not a signed note/],
    ['a signature line that is not one', note.replace('— ', '- '), /^Its signature lines must each begin with "— "\.$/],
    ['a malformed tree size', note.replace('\n3087\n', '\nthree thousand\n'), /^The checkpoint’s tree size or root hash is malformed\.$/],
    ['the JSON answer rather than its note', `${JSON.stringify({ note })}\n`, /^Not a signed note/],
  ])('refuses a file that is %s, saying why', (_what, text, reason) => {
    let thrown: unknown;
    try {
      readCheckpointNote(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CheckpointRefused);
    expect((thrown as Error).message).toMatch(reason);
  });
});
