import { writeWholeFile } from '@ledger/event-store';
import type { IssuedCheckpoint } from './ledger-checkpoints.js';

export interface CheckpointPublicationTargets {
  /** A file the latest signed note is written to (replaced whole, never half-written). */
  file?: string;
  /** A URL the latest signed note is POSTed to (`text/plain`), e.g. a witness or a bucket the database's owner cannot rewrite. */
  url?: string;
}

const POST_TIMEOUT_MS = 10_000;

/**
 * Publishes each new signed checkpoint outside the database — to a file and/or a URL — so that
 * whoever holds the database (and its key) cannot quietly sign another history: an auditor
 * compares what was published with what the ledger serves. A publication that fails is reported
 * and tried again with the next round of sealing; it never stops the sealer.
 */
export class CheckpointPublication {
  private published = 0;
  private failure: string | null = null;

  constructor(
    private readonly targets: CheckpointPublicationTargets,
    private readonly onFailure: (message: string) => void = () => undefined,
  ) {}

  get enabled(): boolean {
    return Boolean(this.targets.file || this.targets.url);
  }

  /** Why the last publication failed; null once one succeeds. */
  get lastFailure(): string | null {
    return this.failure;
  }

  /** Publishes `checkpoint` unless one as large was published already. Never throws. */
  async publish(checkpoint: IssuedCheckpoint): Promise<void> {
    if (!this.enabled || checkpoint.treeSize <= this.published) return;
    try {
      if (this.targets.file) await writeWholeFile(this.targets.file, checkpoint.note);
      if (this.targets.url) await post(this.targets.url, checkpoint.note);
      this.published = checkpoint.treeSize;
      this.failure = null;
    } catch (error) {
      this.failure = `publishing the checkpoint of ${checkpoint.treeSize} leaves failed: ${(error as Error).message}`;
      this.onFailure(this.failure);
    }
  }
}

async function post(url: string, note: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: note, signal: AbortSignal.timeout(POST_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}
