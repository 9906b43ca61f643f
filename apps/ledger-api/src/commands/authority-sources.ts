import { Injectable } from '@nestjs/common';
import {
  organisationDecider,
  organisationStreamId,
  schemeDecider,
  schemeStreamId,
  type AuthoritySources,
  type PredecessorScheme,
} from '@ledger/governance';
import { StreamDecisions } from './stream-decisions.js';

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

  async read(organisationId: string): Promise<ReadAuthoritySources> {
    const readAt: ReadAuthoritySources['readAt'] = [];
    const load = async (id: string) => {
      const [organisation, scheme] = await Promise.all([
        this.streams.load(organisationStreamId(id), organisationDecider),
        this.streams.load(schemeStreamId(id), schemeDecider),
      ]);
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
