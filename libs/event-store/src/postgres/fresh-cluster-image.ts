import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ledgerPackageRoot } from '../package-root.js';
import { writeWholeFile } from '../whole-file.js';

/**
 * An in-memory cluster's files are in memory already: 16 MB of shared buffers rather than
 * PostgreSQL's 128 MB start it about 0.4 s sooner here (0.8 s, from 1.2 s).
 */
const IN_MEMORY = { postgresqlconf: 'shared_buffers = 16MB' };

/** Each image file's image, read or made once in this process (null: the image not kept). */
const images = new Map<string | null, Promise<Blob>>();

export interface FreshClusterOptions {
  /** The folder to make it in, which holds no cluster yet; in memory when absent. */
  dataDir?: string;
  /** The image file to start from (made and kept there when missing); by default the one beside the packages, null for one made in this process and not kept. */
  image?: string | null;
}

/**
 * A fresh, empty PGlite cluster, in memory or in a new data folder, started from the image of one
 * instead of by PostgreSQL's initdb. The image is made once per installed PGlite and kept beside
 * the packages (`node_modules/.cache/decision-ledger/`), so that every process — each test file,
 * each `ledger` command, each API started on `memory://` or on a new folder — loads it (about 1 s
 * here) rather than making it again (about 4 s). An image kept that does not open is made anew
 * (what it left in the folder removed first); where none can be kept, each process makes its own once.
 */
export async function startFreshCluster({ dataDir, image = keptImageFile() }: FreshClusterOptions = {}): Promise<PGlite> {
  const before = dataDir === undefined ? [] : await readdir(dataDir).catch(() => []);
  const start = async () => PGlite.create({ dataDir, loadDataDir: await imageIn(image), ...(dataDir === undefined ? IN_MEMORY : {}) });
  try {
    return await start();
  } catch (error) {
    if (image === null) throw error;
    images.delete(image);
    await rm(image, { force: true });
    if (dataDir !== undefined) for (const entry of await readdir(dataDir)) if (!before.includes(entry)) await rm(join(dataDir, entry), { recursive: true, force: true });
    return start();
  }
}

let keptImage: string | null | undefined;

/** Where the image of the installed PGlite is kept (found once a process); null when there are no installed packages to keep it beside. */
function keptImageFile(): string | null {
  if (keptImage === undefined) keptImage = findKeptImageFile();
  return keptImage;
}

function findKeptImageFile(): string | null {
  try {
    const modules = join(ledgerPackageRoot(), 'node_modules');
    const { version } = JSON.parse(readFileSync(join(modules, '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
    return join(modules, '.cache', 'decision-ledger', `pglite-${version}-fresh-cluster.tar`);
  } catch {
    return null;
  }
}

function imageIn(file: string | null): Promise<Blob> {
  let image = images.get(file);
  if (!image) {
    image = (async () => {
      if (file && existsSync(file)) return new Blob([await readFile(file)]);
      const made = await makeImage();
      if (file) await keep(file, made).catch(() => undefined); // kept or not, this process has its image
      return made;
    })();
    image.catch(() => images.delete(file));
    images.set(file, image);
  }
  return image;
}

async function makeImage(): Promise<Blob> {
  const pglite = await PGlite.create();
  try {
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

/** Kept whole (`writeWholeFile`): a process reading it never meets half a file. */
async function keep(file: string, image: Blob): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeWholeFile(file, new Uint8Array(await image.arrayBuffer()));
}
