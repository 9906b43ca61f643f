import { Injectable } from '@nestjs/common';
import {
  organisationDecider,
  organisationStreamId,
  schemeDecider,
  schemeStreamId,
  type AuthoritySources,
  type PredecessorScheme,
} from '@ledger/governance';
import { StreamDecisions, type StreamReader, type StreamToLoad } from './stream-decisions.js';

/** An organisation's authority sources with the stream versions they were read at (the proof's `readAt`). */
export interface ReadAuthoritySources {
  sources: AuthoritySources;
  readAt: { streamId: string; version: number }[];
}

const MAX_SUCCESSIONS = 16;

/**
 * Reads what authority over an organisation is judged on — the organisation, its scheme of
 * delegation, and the organisations it succeeded (PCT → CCG → ICB) with their schemes — from the
 * event streams themselves at their current versions, never from the read models.
 */
@Injectable()
export class AuthoritySourcesReader {
  constructor(private readonly streams: StreamDecisions) {}

  /** The streams authority over an organisation is judged on, for a command to read in its first round trip. */
  static streamsOf(organisationId: string): StreamToLoad<unknown>[] {
    return [
      { streamId: organisationStreamId(organisationId), decider: organisationDecider },
      { streamId: schemeStreamId(organisationId), decider: schemeDecider },
    ];
  }

  async read(organisationId: string, reader: StreamReader = this.streams): Promise<ReadAuthoritySources> {
    const readAt: ReadAuthoritySources['readAt'] = [];
    const load = async (id: string) => {
      const [organisation, scheme] = await reader.loadAll([
        { streamId: organisationStreamId(id), decider: organisationDecider },
        { streamId: schemeStreamId(id), decider: schemeDecider },
      ] as const);
      readAt.push({ streamId: organisation.streamId, version: organisation.version }, { streamId: scheme.streamId, version: scheme.version });
      return { organisation: organisation.state, scheme: scheme.state };
    };
    const own = await load(organisationId);
    const predecessors: PredecessorScheme[] = [];
    const seen = new Set([organisationId]);
    let frontier = [own.organisation];
    while (frontier.length > 0 && seen.size <= MAX_SUCCESSIONS) {
      const next = frontier.flatMap((organisation) => (organisation.status === 'unregistered' ? [] : organisation.predecessors.map((p) => p.organisationId)));
      const unseen = next.filter((id) => !seen.has(id));
      unseen.forEach((id) => seen.add(id));
      const loaded = await Promise.all(unseen.map(load));
      predecessors.push(...loaded);
      frontier = loaded.map((predecessor) => predecessor.organisation);
    }
    return { sources: { ...own, predecessors }, readAt };
  }
}
