import type { EventStore, StoredEvent } from '@ledger/event-store';
import {
  authorityOfHolder,
  checkAuthority,
  InvalidCommandError,
  NotFoundError,
  organisationDecider,
  organisationStreamId,
  parseInstant,
  schemeDecider,
  schemeStreamId,
  type AuthorityAnswer,
  type AuthoritySources,
  type DomainEvent,
  type HolderAuthority,
  type Instant,
  type OrganisationState,
  type PredecessorScheme,
  type Scope,
  type SchemeState,
} from '@ledger/governance';
import { isKnownBodyOrPost } from '../organisations/organisations.queries.js';
import type { ReadModelReader } from '../projector/read-model-reader.js';

/** `GET /v1/authority/check?holderId&organisationId&scopes&amountPence&at`. */
export interface AuthorityCheck {
  holderId: string;
  organisationId: string;
  scopes: Scope[];
  /** Integer pence; absent or null when the matter has no value. */
  amountPence?: number | null;
  /** A date (00:00 Europe/London) or an instant; now when absent. */
  at?: string;
}

/** `GET /v1/authority?holderId&at`. */
export interface HolderAuthorityCheck {
  holderId: string;
  /** A date (00:00 Europe/London) or an instant; now when absent. */
  at?: string;
}

export interface AuthorityQueriesOptions {
  /** The clock `at` defaults to. */
  now?: () => Date;
  /**
   * The organisations a holder may hold authority in, besides its successors, which are followed on
   * the organisation streams. By default: those whose schemes name the holder as giver or receiver
   * (the `delegations` read model) and those it is or was governing body of (`governing_body_terms`).
   */
  organisationsOf?: (holderId: string) => Promise<string[]>;
  /** How many folded streams to keep; 20,000 by default. */
  cacheSize?: number;
}

interface Folded<State> {
  state: State;
  version: number;
}

interface Folder<State> {
  initialState: State;
  evolve(state: State, event: DomainEvent): State;
}

const organisationFolder = organisationDecider as unknown as Folder<OrganisationState>;
const schemeFolder = schemeDecider as unknown as Folder<SchemeState>;

/** Successions followed at most (PCT → CCG → ICB is two). */
const MAX_SUCCESSIONS = 16;

/**
 * The authority reads, answered exactly as the write side judges authority — governance's
 * `checkAuthority` and `authorityOfHolder` — on sources folded from the event streams themselves
 * (`organisation-{id}`, `scheme-{id}`, and those of the organisations it succeeded), never from a
 * read model that may lag. Folded states are kept by stream version, so a repeated question reads
 * only the events appended since, in one round trip per generation of successions.
 */
export class AuthorityQueries {
  private readonly folded = new Map<string, Folded<unknown>>();
  private readonly now: () => Date;
  private readonly cacheSize: number;
  private readonly organisationsOf: (holderId: string) => Promise<string[]>;

  constructor(
    private readonly store: EventStore,
    private readonly reader: ReadModelReader,
    options: AuthorityQueriesOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.cacheSize = options.cacheSize ?? 20_000;
    this.organisationsOf = options.organisationsOf ?? ((holderId) => this.organisationsNaming(holderId));
  }

  /** Whether the holder may decide the scopes and amount for the organisation at `at`: the chains that grant it, or the reasons in English. */
  async check(question: AuthorityCheck): Promise<AuthorityAnswer> {
    const at = this.instant(question.at);
    const [sources] = await this.sourcesOf([question.organisationId]);
    if (sources.organisation.status === 'unregistered') throw new NotFoundError('organisation', question.organisationId);
    const answer = checkAuthority(
      { holderId: question.holderId, organisationId: question.organisationId, scopes: question.scopes, amountPence: question.amountPence ?? null, at },
      sources,
    );
    // A refusal must not hide a mistyped holder: only a body or post the ledger knows can be refused.
    if (!answer.allowed) await this.assertHolderKnown(question.holderId);
    return answer;
  }

  /** Every scope the holder may decide at `at`, per organisation, with its limit and chain. */
  async ofHolder(question: HolderAuthorityCheck): Promise<HolderAuthority> {
    const at = this.instant(question.at);
    const named = [...new Set(await this.organisationsOf(question.holderId))];
    if (named.length === 0) await this.assertHolderKnown(question.holderId);
    // A delegation made for a dissolved organisation can count for its successor, and theirs.
    const organisations = new Set(named);
    let frontier = named;
    for (let generation = 0; frontier.length > 0 && generation < MAX_SUCCESSIONS; generation++) {
      const states = await this.load(frontier.map((id) => ({ streamId: organisationStreamId(id), folder: organisationFolder })));
      frontier = states.flatMap((state) => {
        const successorId = state.status === 'unregistered' ? null : state.dissolution?.successorId;
        return successorId && !organisations.has(successorId) ? [successorId] : [];
      });
      frontier.forEach((id) => organisations.add(id));
    }
    const sources = await this.sourcesOf([...organisations].sort());
    return authorityOfHolder({ holderId: question.holderId, at }, sources);
  }

  /** Each organisation's authority sources: it, its scheme, and every organisation it succeeded (directly or not) with theirs. */
  private async sourcesOf(organisationIds: readonly string[]): Promise<AuthoritySources[]> {
    const loaded = await this.loadOrganisations(organisationIds);
    const all = new Map(organisationIds.map((id, index) => [id, loaded[index]]));
    const result: AuthoritySources[] = [];
    for (const id of organisationIds) {
      const own = all.get(id)!;
      const predecessors: PredecessorScheme[] = [];
      const seen = new Set([id]);
      let frontier = [own.organisation];
      while (frontier.length > 0 && seen.size <= MAX_SUCCESSIONS) {
        const unseen = [...new Set(frontier.flatMap((organisation) => (organisation.status === 'unregistered' ? [] : organisation.predecessors.map((p) => p.organisationId))))].filter(
          (predecessor) => !seen.has(predecessor),
        );
        unseen.forEach((predecessor) => seen.add(predecessor));
        const missing = unseen.filter((predecessor) => !all.has(predecessor));
        const fresh = await this.loadOrganisations(missing);
        missing.forEach((predecessor, index) => all.set(predecessor, fresh[index]));
        const next = unseen.map((predecessor) => all.get(predecessor)!);
        predecessors.push(...next);
        frontier = next.map((predecessor) => predecessor.organisation);
      }
      result.push({ ...own, predecessors });
    }
    return result;
  }

  private async loadOrganisations(organisationIds: readonly string[]): Promise<PredecessorScheme[]> {
    const states = await this.load(
      organisationIds.flatMap((id) => [
        { streamId: organisationStreamId(id), folder: organisationFolder as Folder<unknown> },
        { streamId: schemeStreamId(id), folder: schemeFolder as Folder<unknown> },
      ]),
    );
    return organisationIds.map((_, index) => ({ organisation: states[2 * index] as OrganisationState, scheme: states[2 * index + 1] as SchemeState }));
  }

  /** The streams' current states, reading in one round trip only the events after the versions already folded. */
  private async load<State>(streams: readonly { streamId: string; folder: Folder<State> }[]): Promise<State[]> {
    if (streams.length === 0) return [];
    const known = streams.map(({ streamId, folder }) => (this.folded.get(streamId) as Folded<State> | undefined) ?? { state: folder.initialState, version: 0 });
    const newer = await this.store.readStreams(streams.map(({ streamId }, index) => ({ streamId, fromVersion: known[index].version + 1 })));
    return streams.map(({ streamId, folder }, index) => {
      const events: StoredEvent[] = newer.get(streamId) ?? [];
      const current = this.folded.get(streamId) as Folded<State> | undefined;
      let folded = known[index];
      // Another question may have folded further meanwhile; only events after what we start from count.
      const after = events.filter((event) => event.streamVersion > folded.version);
      if (after.length > 0) {
        let state = folded.state;
        for (const event of after) state = folder.evolve(state, { type: event.type, data: event.data });
        folded = { state, version: after[after.length - 1].streamVersion };
      }
      if (!current || current.version < folded.version) this.remember(streamId, folded);
      return folded.state;
    });
  }

  private remember(streamId: string, folded: Folded<unknown>): void {
    this.folded.delete(streamId);
    this.folded.set(streamId, folded);
    if (this.folded.size > this.cacheSize) this.folded.delete(this.folded.keys().next().value as string);
  }

  /** Not found unless the holder is a body or a post the read models know. */
  private async assertHolderKnown(holderId: string): Promise<void> {
    if (!(await isKnownBodyOrPost(this.reader, holderId))) throw new NotFoundError('body or post', holderId);
  }

  private async organisationsNaming(holderId: string): Promise<string[]> {
    const rows = await this.reader.query<{ organisation_id: string }>(
      `SELECT organisation_id FROM delegations WHERE to_id = $1 OR from_id = $1
       UNION
       SELECT organisation_id FROM governing_body_terms WHERE body_id = $1`,
      [holderId],
    );
    return rows.map((row) => row.organisation_id);
  }

  private instant(at: string | undefined): Instant {
    if (at === undefined) return this.now().toISOString();
    const instant = parseInstant(at);
    if (instant === undefined) throw new InvalidCommandError(`at must be a date (YYYY-MM-DD) or an instant with an offset; ${JSON.stringify(at)} is neither.`, 'at');
    return instant;
  }
}
