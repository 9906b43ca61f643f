import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpoint, rawPublicKey, verifierKey } from '@ledger/verifiable-log';
import { describeWithFreshApis } from './ledger-api.js';

/** A witness an operator points LEDGER_CHECKPOINT_URL at: it keeps every note POSTed to it. */
async function witness(): Promise<{ url: string; notes: string[]; server: Server }> {
  const notes: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      notes.push(body);
      response.writeHead(request.headers['content-type']?.startsWith('text/plain') ? 204 : 415).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/checkpoints`, notes, server };
}

/**
 * What anchors an auditor's trust outside the database: a signing key the database does not
 * hold, and each signed checkpoint published where the database's owner cannot rewrite it.
 */
describeWithFreshApis('checkpoints anchored outside the database', (start) => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ledger-anchors-'));
  });
  afterEach(async () => rm(folder, { recursive: true, force: true }));

  it('refuses to start with LEDGER_SIGNING_KEY_REQUIRED=true and no key given', async () => {
    await expect(start({ LEDGER_SIGNING_KEY_REQUIRED: 'true' })).rejects.toThrow(/LEDGER_SIGNING_KEY_REQUIRED is true, but no signing key was given: set LEDGER_SIGNING_KEY .* or LEDGER_SIGNING_KEY_FILE/);
  });

  it('signs with the key in LEDGER_SIGNING_KEY_FILE, keeps no key in the database, and publishes each checkpoint to a file and a URL', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const keyFile = join(folder, 'signing-key.pem');
    await writeFile(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600 });
    const published = join(folder, 'checkpoint.txt');
    const { url, notes, server } = await witness();
    const api = await start({ LEDGER_SIGNING_KEY_FILE: keyFile, LEDGER_SIGNING_KEY_REQUIRED: 'true', LEDGER_CHECKPOINT_FILE: published, LEDGER_CHECKPOINT_URL: url });
    try {
      const answer = await api.post('/v1/organisations', { id: 'wiltshire-council', name: 'Wiltshire Council', kind: 'local-authority', functions: ['adult-social-care'], establishedOn: '2009-04-01' });
      expect(answer.status).toBe(201);
      const signed = (await api.post('/v1/ledger/checkpoints', {})).json();
      const kept = verifierKey('decision-ledger', rawPublicKey(privateKey));
      expect(signed.verifierKey).toBe(kept);
      expect(await api.database.query('SELECT name FROM ledger_signing_key')).toEqual([]);

      expect(await readFile(published, 'utf8')).toBe(signed.note);
      expect(notes).toContain(signed.note);
      expect(openCheckpoint(await readFile(published, 'utf8'), kept)).toMatchObject({ treeSize: signed.treeSize });

      const next = await api.post('/v1/posts', { id: 'wiltshire-director-of-care', title: 'Director of Adult Social Services', organisationId: 'wiltshire-council' });
      expect(next.status).toBe(201);
      const grown = (await api.post('/v1/ledger/checkpoints', {})).json();
      expect(grown.treeSize).toBe(signed.treeSize + 1);
      expect(await readFile(published, 'utf8')).toBe(grown.note);
      expect(notes.at(-1)).toBe(grown.note);
    } finally {
      await api.stop();
      server.close();
    }
  });

  it('says on /health/ready that a checkpoint could not be published, without stopping the ledger', async () => {
    const unreachable = await witness();
    unreachable.server.close();
    await once(unreachable.server, 'close');
    const api = await start({ LEDGER_CHECKPOINT_URL: unreachable.url });
    try {
      expect((await api.post('/v1/organisations', { id: 'wiltshire-council', name: 'Wiltshire Council', kind: 'local-authority', functions: ['bcf'], establishedOn: '2009-04-01' })).status).toBe(201);
      expect((await api.post('/v1/ledger/checkpoints', {})).status).toBe(201);
      const ready = await api.get('/health/ready', { key: null });
      expect(ready.status).toBe(200);
      expect(ready.json().details.sealer).toEqual({ status: 'up', audited: { events: expect.any(Number), at: expect.any(String) }, checkpointPublication: expect.stringMatching(/^publishing the checkpoint of 1 leaves failed: fetch failed/) });
    } finally {
      await api.stop();
    }
  });
});
