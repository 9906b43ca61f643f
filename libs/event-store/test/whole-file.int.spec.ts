import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWholeFile } from '@ledger/event-store';

describe('a file written whole', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'whole-file-'));
  });
  afterEach(async () => rm(folder, { recursive: true, force: true }));

  it('replaces the file, readable by all, leaving nothing beside it', async () => {
    const file = join(folder, 'checkpoint.txt');
    await writeFile(file, 'the old note');
    await writeWholeFile(file, 'the new note');
    expect(await readFile(file, 'utf8')).toBe('the new note');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect(await readdir(folder)).toEqual(['checkpoint.txt']);
  });

  it('leaves nothing beside the file when it cannot be replaced', async () => {
    const file = join(folder, 'taken');
    await mkdir(join(file, 'by-a-folder'), { recursive: true }); // a rename cannot put a file over a folder that holds something
    await expect(writeWholeFile(file, new Uint8Array([1, 2, 3]))).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['taken']);
  });
});
