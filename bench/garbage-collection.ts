import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** What garbage collection paused this process for, by kind, from `observeCollections()` to its `stop()`. */
export interface CollectionPauses {
  scavenges: number;
  scavengeMs: number;
  /** Mark-compacts and their incremental steps. */
  fullCollections: number;
  fullCollectionMs: number;
}

/**
 * Counts this process's garbage-collection pauses (Node's `gc` performance entries) until the
 * answer's `stop()` — on the main thread, where each pause stops the work a rebuild does.
 */
export function observeCollections(): { stop: () => Promise<CollectionPauses> } {
  const pauses: CollectionPauses = { scavenges: 0, scavengeMs: 0, fullCollections: 0, fullCollectionMs: 0 };
  const count = (entry: PerformanceEntry) => {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind; // a `gc` entry says its kind in `detail`
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      pauses.scavenges++;
      pauses.scavengeMs += entry.duration;
    } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR || kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL) {
      pauses.fullCollections++;
      pauses.fullCollectionMs += entry.duration;
    }
  };
  const observer = new PerformanceObserver((list) => list.getEntries().forEach(count));
  observer.observe({ entryTypes: ['gc'] });
  return {
    // The entries of the last moments are delivered on a later turn of the event loop: wait for them.
    stop: () =>
      new Promise((resolve) =>
        setImmediate(() => {
          observer.takeRecords().forEach(count);
          observer.disconnect();
          resolve(pauses);
        }),
      ),
  };
}

/** The pauses as one line, with their share of `wallMs`. */
export function describeCollections(pauses: CollectionPauses, wallMs: number): string {
  const total = pauses.scavengeMs + pauses.fullCollectionMs;
  return `garbage collection paused it ${(total / 1000).toFixed(2)} s (${Math.round((100 * total) / wallMs)}%): ${pauses.scavenges} scavenges ${(pauses.scavengeMs / 1000).toFixed(2)} s, ${pauses.fullCollections} mark-compact steps ${(pauses.fullCollectionMs / 1000).toFixed(2)} s`;
}
