import { compareLogPositions, type EventStore, type LogPosition, type StoredEvent } from '@ledger/event-store';
import { knownAt as knownAtPredicate, StreamsAsKnown, type AuthorityFacts, type KnownAt, type StreamReader } from '@ledger/facts';
import {
  authorityOfHolder,
  checkAuthority,
  InvalidCommandError,
  NotFoundError,
  organisationDecider,
  organisationStreamId,
  parseInstant,
  type AuthorityAnswer,
  type AuthorityBasis,
  type HolderAuthority,
  type Instant,
  type OrganisationState,
  type Scope,
} from '@ledger/governance';
import { isKnownBodyOrPost } from '../organisations/organisations.queries.js';
import type { ReadModelReader } from '../projector/read-model-reader.js';
import type { AuthorityNow, AuthorityLapse } from './authority-now.js';

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

/** A recorded decision whose authority is asked about again: its basis, and where it stands in the log. */
export interface RecordedDecision {
  authority: AuthorityBasis | null;
  position: string;
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
  /**
   * The moment on the record-time axis the read in hand asks about (`X-Ledger-As-Known-At`):
   * every answer is then given on what the ledger had recorded by then. Undefined: now.
   */
  knownAtOfRequest?: () => KnownAt | undefined;
}

/** Whether two readings of the authority facts read the same streams at the same versions. */
function sameReadings(recorded: AuthorityBasis['readAt'] | undefined, now: AuthorityBasis['readAt']): boolean {
  if (!Array.isArray(recorded) || recorded.length !== now.length) return false;
  const versions = new Map(recorded.map(({ streamId, version }) => [streamId, version]));
  return now.every(({ streamId, version }) => versions.get(streamId) === version);
}

/** Successions followed at most (PCT → CCG → ICB is two). */
const MAX_SUCCESSIONS = 16;

/**
 * The authority reads, answered exactly as the write side judges authority — on the same
 * authority facts (`@ledger/facts`), read from the event streams, never from a read model that may
 * lag, and by governance's `checkAuthority` and `authorityOfHolder` — at now or, for a read as
 * known at a past moment, on what the ledger had recorded by then.
 */
export class AuthorityQueries {
  private readonly now: () => Date;
  private readonly organisationsOf: (holderId: string) => Promise<string[]>;
  private readonly knownAtOfRequest: () => KnownAt | undefined;

  constructor(
    private readonly store: Pick<EventStore, 'readStreams'>,
    private readonly facts: AuthorityFacts,
    private readonly reader: ReadModelReader,
    options: AuthorityQueriesOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.organisationsOf = options.organisationsOf ?? ((holderId) => this.organisationsNaming(holderId));
    this.knownAtOfRequest = options.knownAtOfRequest ?? (() => undefined);
  }

  /** Whether the holder may decide the scopes and amount for the organisation at `at`: the chains that grant it, or the reasons in English. */
  async check(question: AuthorityCheck): Promise<AuthorityAnswer> {
    const at = this.instant(question.at);
    const { sources } = await this.facts.of(question.organisationId, this.streams());
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
    const streams = this.streams();
    const named = [...new Set(await this.organisationsOf(question.holderId))];
    if (named.length === 0) await this.assertHolderKnown(question.holderId);
    // A delegation made for a dissolved organisation can count for its successor, and theirs.
    const organisations = new Set(named);
    let frontier = named;
    for (let generation = 0; frontier.length > 0 && generation < MAX_SUCCESSIONS; generation++) {
      const folded = await streams.loadAll(frontier.map((id) => ({ streamId: organisationStreamId(id), decider: organisationDecider })));
      frontier = folded.flatMap(({ state }) => {
        const organisation = state as OrganisationState;
        const successorId = organisation.status === 'unregistered' ? null : organisation.dissolution?.successorId;
        return successorId && !organisations.has(successorId) ? [successorId] : [];
      });
      frontier.forEach((id) => organisations.add(id));
    }
    const ids = [...organisations].sort();
    const facts = await this.facts.ofEach(ids, streams);
    return authorityOfHolder({ holderId: question.holderId, at }, ids.map((id) => facts.get(id)!.sources));
  }

  /**
   * Whether the authority each decision recorded still holds on what the ledger knows now (or knew
   * at the moment the read asks about): its recorded question asked again. A decision whose
   * authority no longer holds says why, and since when — the first event recorded after it that
   * made the answer a refusal (a backdated revocation, say). Decisions without a recorded basis
   * (`endorse` and `note` steps) had no authority to lapse: null. The organisations' facts are
   * read once for all the decisions.
   */
  async authorityNow(decisions: readonly RecordedDecision[]): Promise<(AuthorityNow | null)[]> {
    const streams = this.streams();
    const organisations = [...new Set(decisions.flatMap(({ authority }) => (authority ? [authority.organisationId] : [])))];
    const facts = await this.facts.ofEach(organisations, streams);
    return Promise.all(
      decisions.map(async ({ authority, position }): Promise<AuthorityNow | null> => {
        if (!authority) return null;
        const { sources, readAt } = facts.get(authority.organisationId)!;
        // The facts stand at the very versions the decision was judged on: the same question on the same facts is allowed again.
        if (sameReadings(authority.readAt, readAt)) return { holds: true, reasons: [], since: null };
        const { allowed, reasons } = checkAuthority(authority, sources);
        if (allowed) return { holds: true, reasons: [], since: null };
        const streamIds = facts.get(authority.organisationId)!.readAt.map(({ streamId }) => streamId);
        return { holds: false, reasons, since: await this.lapseOf(authority, position as LogPosition, streamIds) };
      }),
    );
  }

  /**
   * The first event recorded after the decision (at `position`) on which its authority question
   * is refused: found by asking it at the positions of the later events of the streams it rests
   * on, read once, halving the range each time. Null when none is (it was refused from the start).
   */
  private async lapseOf(question: AuthorityBasis, position: LogPosition, streamIds: readonly string[]): Promise<AuthorityLapse | null> {
    const read = await this.store.readStreams(streamIds.map((streamId) => ({ streamId, fromVersion: 1 })));
    const moment = this.knownAtOfRequest();
    const known = moment ? knownAtPredicate(moment) : () => true;
    const later = [...read.values()]
      .flat()
      .filter((event) => compareLogPositions(event.position, position) > 0 && known(event))
      .sort((a, b) => compareLogPositions(a.position, b.position));
    const refusedThrough = async (event: StoredEvent) => {
      const asKnown = new StreamsAsKnown(this.store, { untilPosition: event.position }, read);
      return !checkAuthority(question, (await this.facts.of(question.organisationId, asKnown)).sources).allowed;
    };
    if (later.length === 0 || !(await refusedThrough(later[later.length - 1]))) return null;
    let [low, high] = [0, later.length - 1];
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (await refusedThrough(later[middle])) high = middle;
      else low = middle + 1;
    }
    const { streamId, streamVersion, type, metadata } = later[low];
    return { position: later[low].position, recordedAt: metadata.recordedAt, streamId, streamVersion, type };
  }

  /**
   * The streams as they stand now — at least as fresh as the read models an answer is shown with
   * (`FoldedStreams.followed`) — or as the ledger knew them at the moment the read asks about.
   */
  private streams(): StreamReader {
    const moment = this.knownAtOfRequest();
    return moment ? new StreamsAsKnown(this.store, moment) : this.facts.streams.followed;
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
