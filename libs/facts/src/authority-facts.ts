import {
  organisationDecider,
  organisationStreamId,
  schemeDecider,
  schemeStreamId,
  type AuthorityFactsRead,
  type OrganisationState,
  type PredecessorScheme,
  type SchemeState,
} from '@ledger/governance';
import type { FoldedStreams, StreamReader, StreamToLoad } from './folded-streams.js';

/** An organisation's authority sources, with the stream versions they were read at (a proof's `readAt`). */
export type OrganisationAuthorityFacts = AuthorityFactsRead;

/** Successions followed at most (PCT → CCG → ICB is two). */
const MAX_SUCCESSIONS = 16;

const organisationStream = (id: string): StreamToLoad<OrganisationState> => ({ streamId: organisationStreamId(id), decider: organisationDecider });
const schemeStream = (id: string): StreamToLoad<SchemeState> => ({ streamId: schemeStreamId(id), decider: schemeDecider });

interface Loaded extends PredecessorScheme {
  readAt: OrganisationAuthorityFacts['readAt'];
}

/**
 * What authority over an organisation is judged on — the organisation, its scheme of delegation,
 * and the organisations it succeeded (PCT → CCG → ICB) with their schemes — read from the event
 * streams themselves, never from the read models. The one reading of authority's facts: commands
 * judge a decision on it and reads answer authority questions on it, so both read it the same way.
 * By default the streams come at their current versions from the process's folded streams; a
 * command passes the reader that records what it read, and a read as known at a past moment passes
 * `StreamsAsKnown`. `libs/governance` answers the question from the facts.
 */
export class AuthorityFacts {
  constructor(readonly streams: FoldedStreams) {}

  /** The streams authority over an organisation is judged on, for a command to read in its first round trip. */
  static streamsOf(organisationId: string): StreamToLoad<unknown>[] {
    return [organisationStream(organisationId), schemeStream(organisationId)] as StreamToLoad<unknown>[];
  }

  async of(organisationId: string, reader: StreamReader = this.streams): Promise<OrganisationAuthorityFacts> {
    return (await this.ofEach([organisationId], reader)).get(organisationId)!;
  }

  /**
   * Each organisation's facts, reading the organisations and schemes of all of them in one round
   * trip, and their predecessors in one more per generation of successions.
   */
  async ofEach(organisationIds: readonly string[], reader: StreamReader = this.streams): Promise<Map<string, OrganisationAuthorityFacts>> {
    const loaded = new Map<string, Loaded>();
    const load = async (ids: readonly string[]) => {
      const streams = ids.flatMap((id) => [organisationStream(id), schemeStream(id)]) as StreamToLoad<unknown>[];
      const folded = await reader.loadAll(streams);
      ids.forEach((id, index) => {
        const [organisation, scheme] = [folded[2 * index], folded[2 * index + 1]];
        loaded.set(id, {
          organisation: organisation.state as OrganisationState,
          scheme: scheme.state as SchemeState,
          readAt: [
            { streamId: organisation.streamId, version: organisation.version },
            { streamId: scheme.streamId, version: scheme.version },
          ],
        });
      });
    };
    let frontier = [...new Set(organisationIds)];
    await load(frontier);
    for (let generation = 0; frontier.length > 0 && generation < MAX_SUCCESSIONS; generation++) {
      const unseen = [...new Set(frontier.flatMap((id) => predecessorsOf(loaded.get(id)!.organisation)))].filter((id) => !loaded.has(id));
      if (unseen.length > 0) await load(unseen);
      frontier = unseen;
    }
    return new Map(organisationIds.map((id) => [id, factsOf(id, loaded)]));
  }
}

const predecessorsOf = (organisation: OrganisationState): string[] =>
  organisation.status === 'unregistered' ? [] : organisation.predecessors.map((predecessor) => predecessor.organisationId);

/** An organisation's sources with its predecessors, nearest first, each once. */
function factsOf(organisationId: string, loaded: Map<string, Loaded>): OrganisationAuthorityFacts {
  const own = loaded.get(organisationId)!;
  const readAt = [...own.readAt];
  const predecessors: PredecessorScheme[] = [];
  const seen = new Set([organisationId]);
  let frontier = [own.organisation];
  while (frontier.length > 0 && seen.size <= MAX_SUCCESSIONS) {
    const unseen = [...new Set(frontier.flatMap(predecessorsOf))].filter((id) => !seen.has(id) && loaded.has(id));
    unseen.forEach((id) => seen.add(id));
    const next = unseen.map((id) => loaded.get(id)!);
    for (const predecessor of next) {
      predecessors.push({ organisation: predecessor.organisation, scheme: predecessor.scheme });
      readAt.push(...predecessor.readAt);
    }
    frontier = next.map((predecessor) => predecessor.organisation);
  }
  return { sources: { organisation: own.organisation, scheme: own.scheme, predecessors }, readAt };
}
