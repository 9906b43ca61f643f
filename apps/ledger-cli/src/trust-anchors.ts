import { readFile } from 'node:fs/promises';
import { CheckpointRefused, openCheckpoint, parseVerifierKey, readCheckpointNote, type TrustAnchors } from '@ledger/verifiable-log';

const VERIFIER_KEY = 'the verifier key, <name>+<id>+<key> (what `jq -r .verifierKey` writes)';
const CHECKPOINT = 'a signed checkpoint (what `jq -r .note` writes)';

/**
 * What `ledger verify` rests on from outside the export: the verifier key and the checkpoint the
 * auditor kept, read from their files. A file that is missing, empty or not what it should be
 * stops the verification with a message naming it — it is never passed over — and a final
 * newline, as `curl … | jq -r` writes, is no fault.
 */
export async function readTrustAnchors(files: { publicKey?: string; checkpoint?: string }): Promise<TrustAnchors> {
  const verifierKey =
    files.publicKey === undefined
      ? undefined
      : await readKept(files.publicKey, '--public-key', VERIFIER_KEY, (text) => {
          const key = text.trim();
          parseVerifierKey(key);
          return key;
        });
  const checkpointNote = files.checkpoint === undefined ? undefined : await readKept(files.checkpoint, '--checkpoint', CHECKPOINT, readCheckpointNote);
  if (verifierKey !== undefined && checkpointNote !== undefined) {
    // Both kept: whether one opens the other is known before the export is read, so say which files.
    const mismatch = (reason: string) => new Error(`${files.checkpoint} (--checkpoint) does not open with the verifier key in ${files.publicKey} (--public-key): ${reason}`);
    let origin: string;
    try {
      origin = openCheckpoint(checkpointNote, verifierKey).origin;
    } catch (error) {
      if (error instanceof CheckpointRefused) throw mismatch(error.message);
      throw error;
    }
    const keyName = parseVerifierKey(verifierKey).name;
    if (origin !== keyName) throw mismatch(`it is a checkpoint of ${origin}, not of ${keyName}.`);
  }
  return { verifierKey, checkpointNote };
}

async function readKept<T>(file: string, option: string, what: string, read: (text: string) => T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new Error(`Cannot read ${file} (${option}): ${reason}.`);
  }
  if (text.trim() === '') throw new Error(`${file} (${option}) is empty: it should hold ${what}.`);
  try {
    return read(text);
  } catch (error) {
    if (error instanceof CheckpointRefused) throw new Error(`${file} (${option}) does not hold ${what}: ${error.message}`);
    throw error;
  }
}
