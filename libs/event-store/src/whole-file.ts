import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes `data` beside `file` under a name of this process's, then renames it over `file`: a
 * reader, in this process or another, sees the old file or the new one, whole, never half of
 * either. What was written beside it is taken away when the write fails.
 */
export async function writeWholeFile(file: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const writing = `${file}.${process.pid}.partial`;
  try {
    await writeFile(writing, data, { mode });
    await rename(writing, file);
  } finally {
    await rm(writing, { force: true });
  }
}
