import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signCheckpoint } from '@ledger/verifiable-log';
import { LedgerApi } from './ledger-api.js';
import { ledger } from './ledger-cli.js';

/*
 * `ledger verify --checkpoint <file> --public-key <file>`: the files an auditor kept, as the README
 * tells them to keep them (`curl … | jq -r .note > checkpoint.txt`, which ends the file with one
 * more newline). An empty or unreadable file must fail, naming the file, never verify as if it
 * had not been given; a failure at a line of the export names the export.
 *
 * The command reads files and verifies offline, whatever store the ledger runs on, so one ledger
 * on embedded PGlite gives the export (the store's part is in ledger-cli.e2e.spec.ts).
 */

describe('ledger verify with the files an auditor kept', () => {
  let api: LedgerApi;
  let folder: string;
  const at = (name: string) => join(folder, name);
  const verify = (...args: string[]) => ledger(['verify', at('ledger.ndjson'), ...args], {});

  beforeAll(async () => {
    api = await LedgerApi.start({ LEDGER_DATA_DIR: 'memory://' });
    folder = await mkdtemp(join(tmpdir(), 'ledger-kept-'));
    const auditor = await api.keyFor('auditor', 'grant-thornton');
    for (const [path, body] of [
      ['/v1/organisations', { id: 'wirral-council', name: 'Wirral Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '1974-04-01' }],
      ['/v1/bodies', { id: 'wirral-cabinet', name: 'Cabinet', kind: 'governing-body', organisationId: 'wirral-council', establishedOn: '2000-05-01' }],
    ] as const) expect((await api.post(path, body)).status).toBe(201);
    expect((await api.post('/v1/ledger/checkpoints', {}, { key: auditor })).status).toBe(201);
    const checkpoint = (await api.get('/v1/ledger/checkpoint', { key: null })).json();
    // What `curl … | jq -r .verifierKey` and `… | jq -r .note` write: the value and a newline.
    await writeFile(at('ledger.key'), `${checkpoint.verifierKey}\n`);
    await writeFile(at('checkpoint.txt'), `${checkpoint.note}\n`);
    await writeFile(at('checkpoint.json'), `${JSON.stringify(checkpoint)}\n`); // curl without jq
    await writeFile(at('empty.txt'), '');
    await writeFile(at('blank.txt'), '\n');
    const stranger = generateKeyPairSync('ed25519').privateKey;
    await writeFile(at('other-ledger.txt'), `${signCheckpoint({ origin: 'decision-ledger', treeSize: 3, rootHash: Buffer.alloc(32, 1) }, 'decision-ledger', stranger)}\n`);
    const exported = await ledger(['export', '--url', api.baseUrl, '--key', auditor, '--out', at('ledger.ndjson')], {});
    expect(exported).toMatchObject({ code: 0 });
  });

  afterAll(async () => {
    await api?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('verifies against a checkpoint and a key kept with `jq -r` (a trailing newline)', async () => {
    const verified = await verify('--checkpoint', at('checkpoint.txt'), '--public-key', at('ledger.key'));
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^verified: 4 leaves and 1 signed checkpoints hold/) });
    expect(await verify('--checkpoint', at('checkpoint.txt'))).toMatchObject({ code: 0, stdout: expect.stringMatching(/verified: 4 leaves/) });
  });

  it('fails on an empty checkpoint file, naming it, instead of verifying without it', async () => {
    for (const file of ['empty.txt', 'blank.txt']) {
      const answer = await verify('--checkpoint', at(file), '--public-key', at('ledger.key'));
      expect(answer).toEqual({ code: 1, stdout: '', stderr: `ledger: ${at(file)} (--checkpoint) is empty: it should hold a signed checkpoint (what \`jq -r .note\` writes).\n` });
    }
  });

  it('fails on a checkpoint file that is not a signed note, naming it and why', async () => {
    const answer = await verify('--checkpoint', at('checkpoint.json'));
    expect(answer).toMatchObject({ code: 1, stdout: '', stderr: `ledger: ${at('checkpoint.json')} (--checkpoint) does not hold a signed checkpoint (what \`jq -r .note\` writes): Not a signed note: no blank line before the signatures.\n` });
    const key = await verify('--checkpoint', at('ledger.key'));
    expect(key).toMatchObject({ code: 1, stderr: expect.stringMatching(new RegExp(`^ledger: ${at('ledger.key')} \\(--checkpoint\\) does not hold a signed checkpoint`)) });
  });

  it('fails on an empty or unparsable key file, naming it', async () => {
    expect(await verify('--public-key', at('empty.txt'))).toEqual({
      code: 1,
      stdout: '',
      stderr: `ledger: ${at('empty.txt')} (--public-key) is empty: it should hold the verifier key, <name>+<id>+<key> (what \`jq -r .verifierKey\` writes).\n`,
    });
    expect(await verify('--public-key', at('checkpoint.txt'))).toMatchObject({
      code: 1,
      stderr: `ledger: ${at('checkpoint.txt')} (--public-key) does not hold the verifier key, <name>+<id>+<key> (what \`jq -r .verifierKey\` writes): Not an Ed25519 verifier key.\n`,
    });
  });

  it('fails on a file that is not there, naming it', async () => {
    expect(await verify('--checkpoint', at('no-such-checkpoint.txt'))).toMatchObject({ code: 1, stderr: `ledger: Cannot read ${at('no-such-checkpoint.txt')} (--checkpoint): there is no such file.\n` });
  });

  it('names both files when the checkpoint kept does not open with the key kept', async () => {
    const answer = await verify('--checkpoint', at('other-ledger.txt'), '--public-key', at('ledger.key'));
    expect(answer).toMatchObject({
      code: 1,
      stderr: `ledger: ${at('other-ledger.txt')} (--checkpoint) does not open with the verifier key in ${at('ledger.key')} (--public-key): No valid signature by decision-ledger on this checkpoint.\n`,
    });
  });

  it('says which file a failure at line 1 is in: the export', async () => {
    const answer = await verify('--checkpoint', at('other-ledger.txt'));
    expect(answer).toMatchObject({ code: 1, stdout: expect.stringContaining(`NOT VERIFIED at line 1 of ${at('ledger.ndjson')}: the checkpoint you kept does not open`) });
    const text = await readFile(at('ledger.ndjson'), 'utf8');
    await writeFile(at('broken.ndjson'), `{not json\n${text.slice(text.indexOf('\n') + 1)}`);
    const broken = await ledger(['verify', at('broken.ndjson'), '--public-key', at('ledger.key')], {});
    expect(broken).toMatchObject({ code: 1, stdout: `NOT VERIFIED at line 1 of ${at('broken.ndjson')}: line 1 is not JSON\n` });
  });
});
