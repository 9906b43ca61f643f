import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { startFreshCluster } from '@ledger/event-store';

/** The tables in the cluster's public schema. */
async function tablesOf(pglite: PGlite): Promise<string[]> {
  return (await pglite.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((row) => row.tablename);
}

/** The tables of a cluster started from the image in this file, as it stands. */
async function tablesInImage(file: string): Promise<string[]> {
  const pglite = await PGlite.create({ loadDataDir: new Blob([await readFile(file)]) });
  try {
    return await tablesOf(pglite);
  } finally {
    await pglite.close();
  }
}

describe('the image a new PGlite cluster starts from', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'fresh-cluster-'));
  });
  afterAll(async () => rm(folder, { recursive: true, force: true }));

  it('is made and kept the first time, leaving no partial file beside it', async () => {
    const file = join(folder, 'first', 'fresh-cluster.tar');
    const pglite = await startFreshCluster({ image: file });
    try {
      expect(await tablesOf(pglite)).toEqual([]);
      expect((await pglite.query('SHOW shared_buffers')).rows).toEqual([{ shared_buffers: '16MB' }]); // its files are in memory already
      expect(existsSync(file)).toBe(true);
      expect(await readdir(join(folder, 'first'))).toEqual(['fresh-cluster.tar']);
    } finally {
      await pglite.close();
    }
  });

  it('is read from the file kept, when there is one', async () => {
    const made = await startFreshCluster({ image: join(folder, 'first', 'fresh-cluster.tar') }); // the first test's, with no initdb
    await made.exec('CREATE TABLE kept_marker (id int)');
    const file = join(folder, 'marked.tar');
    await writeFile(file, new Uint8Array(await (await made.dumpDataDir('none')).arrayBuffer()));
    await made.close();
    const pglite = await startFreshCluster({ image: file });
    try {
      expect(await tablesOf(pglite)).toEqual(['kept_marker']);
    } finally {
      await pglite.close();
    }
  });

  it('is made anew when the file kept does not open, and kept in its place', async () => {
    const file = join(folder, 'damaged.tar');
    await writeFile(file, 'half a tar file');
    const pglite = await startFreshCluster({ image: file });
    try {
      expect(await tablesOf(pglite)).toEqual([]);
    } finally {
      await pglite.close();
    }
    expect(await tablesInImage(file)).toEqual([]);
    expect((await readdir(folder)).filter((entry) => entry.endsWith('.tar')).sort()).toEqual(['damaged.tar', 'marked.tar']);
  });

  it('makes a new data folder, which opens again with what was written in it', async () => {
    const dataDir = join(folder, 'data');
    const pglite = await startFreshCluster({ dataDir, image: join(folder, 'first', 'fresh-cluster.tar') });
    expect((await pglite.query('SHOW shared_buffers')).rows).toEqual([{ shared_buffers: '128MB' }]);
    await pglite.exec("CREATE TABLE minutes (item text); INSERT INTO minutes VALUES ('Item 7: approved')");
    await pglite.close();
    const reopened = await PGlite.create(dataDir);
    try {
      expect((await reopened.query('SELECT item FROM minutes')).rows).toEqual([{ item: 'Item 7: approved' }]);
    } finally {
      await reopened.close();
    }
  });

  it('takes out of a new data folder what a damaged image left there before making the image anew', async () => {
    const dataDir = join(folder, 'data-after-damage');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'ledger.lock'), 'held by this test');
    const image = join(folder, 'damaged-for-folder.tar');
    const whole = await readFile(join(folder, 'first', 'fresh-cluster.tar'));
    await writeFile(image, whole.subarray(0, whole.length / 2)); // a tar cut short: some files land, then it fails
    const pglite = await startFreshCluster({ dataDir, image });
    try {
      expect(await tablesOf(pglite)).toEqual([]);
    } finally {
      await pglite.close();
    }
    expect(await readFile(join(dataDir, 'ledger.lock'), 'utf8')).toBe('held by this test');
    expect(await tablesInImage(image)).toEqual([]);
  });

  it('is made in the process when there is nowhere to keep it', async () => {
    const pglite = await startFreshCluster({ image: null });
    try {
      expect(await tablesOf(pglite)).toEqual([]);
    } finally {
      await pglite.close();
    }
  });
});
