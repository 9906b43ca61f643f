import type { LogPosition, SqlSession, StoredEvent } from '@ledger/event-store';
import { bodyCodec, organisationCodec, postCodec, type BodyEvent, type EventDecoder, type OrganisationEvent, type PostEvent } from '@ledger/governance';
import type { Projection } from '../projector/projection.js';

/**
 * The read models of organisations, bodies and posts (migration 0003): one statement per event
 * (two for a body's establishment), applied in log order. An event that finds nothing to change
 * (a membership ended that never started) stops the projector, naming the event: the write side
 * never appends one, so the read model would be wrong to pass over it.
 */

export const organisationsProjection: Projection = {
  name: 'organisations',
  handles: new Set<OrganisationEvent['type']>(['OrganisationRegistered', 'OrganisationDissolved', 'GoverningBodyDesignated', 'GoverningBodyVacated', 'OrganisationSucceeded']),
  apply: (events, session) => applyInOrder(events, session, organisationCodec, applyOrganisationEvent),
};

export const bodiesProjection: Projection = {
  name: 'bodies',
  handles: new Set<BodyEvent['type']>(['BodyEstablished', 'BodyDissolved', 'MembershipStarted', 'MembershipEnded']),
  apply: (events, session) => applyInOrder(events, session, bodyCodec, applyBodyEvent),
};

export const postsProjection: Projection = {
  name: 'posts',
  handles: new Set<PostEvent['type']>(['PostCreated', 'PostHolderRecorded', 'PostHoldingEnded']),
  apply: (events, session) => applyInOrder(events, session, postCodec, applyPostEvent),
};

/** The three, for a projector that keeps organisations, bodies and posts. */
export const organisationProjections: readonly Projection[] = [organisationsProjection, bodiesProjection, postsProjection];

/** An event the read model could not apply, with its log position for the projector to name. */
export class UnappliedEventError extends Error {
  constructor(
    readonly position: LogPosition,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'UnappliedEventError';
  }
}


/** Applies each event as its stream's codec reads it (upcast and checked), in log order. */
async function applyInOrder<Event extends { type: string; data: unknown }>(
  events: readonly StoredEvent[],
  session: SqlSession,
  codec: EventDecoder<Event>,
  apply: (event: Event, change: Change) => Promise<void>,
): Promise<void> {
  for (const event of events) {
    const change = new Change(session, event);
    try {
      await apply(codec.decode(event), change);
    } catch (error) {
      if (error instanceof UnappliedEventError) throw error;
      throw new UnappliedEventError(event.position, (error as Error)?.message ?? String(error), { cause: error });
    }
  }
}

/** One event's change to the tables: every row it writes keeps the event's position and recorded_at. */
class Change {
  constructor(
    private readonly session: SqlSession,
    private readonly event: StoredEvent,
  ) {}

  /** Runs `sql` with the event's position and recorded_at as `$1` and `$2`, then `params`. */
  async write(sql: string, params: unknown[]): Promise<void> {
    await this.session.query(sql, [this.event.position, this.event.metadata.recordedAt, ...params]);
  }

  /** As `write`, for an UPDATE … RETURNING that must find its row. */
  async update(sql: string, params: unknown[], what: string): Promise<void> {
    const rows = await this.session.query(sql, [this.event.position, this.event.metadata.recordedAt, ...params]);
    if (rows.length === 0) throw new UnappliedEventError(this.event.position, `${this.event.type} found no ${what} to change.`);
  }
}

/** Free text as JSON text, for a `json` column (keeps U+0000, which text cannot). */
function json(text: string): string;
function json(text: string | null): string | null;
function json(text: string | null): string | null {
  return text === null ? null : JSON.stringify(text);
}

async function applyOrganisationEvent(event: OrganisationEvent, change: Change): Promise<void> {
  switch (event.type) {
    case 'OrganisationRegistered': {
      const { organisationId, name, kind, functions, establishedOn } = event.data;
      return change.write(
        `INSERT INTO organisations (position, recorded_at, organisation_id, name, kind, functions, established_on)
         VALUES ($1, $2, $3, $4::json, $5, $6::text[], $7)`,
        [organisationId, json(name), kind, functions, establishedOn],
      );
    }
    case 'OrganisationDissolved': {
      const { organisationId, dissolvedOn, successorId, transferDelegations } = event.data;
      return change.update(
        `UPDATE organisations SET position = $1, recorded_at = $2, dissolved_on = $4, successor_id = $5, transfer_delegations = $6
         WHERE organisation_id = $3 RETURNING 1`,
        [organisationId, dissolvedOn, successorId, transferDelegations],
        `organisation ${organisationId}`,
      );
    }
    case 'GoverningBodyDesignated': {
      const { organisationId, bodyId, from } = event.data;
      return change.write(
        `INSERT INTO governing_body_terms (position, recorded_at, organisation_id, body_id, valid_from) VALUES ($1, $2, $3, $4, $5)`,
        [organisationId, bodyId, from],
      );
    }
    case 'GoverningBodyVacated': {
      const { organisationId, bodyId, from } = event.data;
      return change.update(
        `UPDATE governing_body_terms SET position = $1, recorded_at = $2, valid_until = $5
         WHERE organisation_id = $3 AND body_id = $4 AND valid_until IS NULL RETURNING 1`,
        [organisationId, bodyId, from],
        `open governing-body term of ${bodyId} for ${organisationId}`,
      );
    }
    case 'OrganisationSucceeded': {
      const { organisationId, predecessorId, succeededOn, transferDelegations } = event.data;
      return change.write(
        `INSERT INTO organisation_successions (position, recorded_at, successor_id, predecessor_id, succeeded_on, transfer_delegations)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [organisationId, predecessorId, succeededOn, transferDelegations],
      );
    }
    default:
      return unexpected(event);
  }
}

async function applyBodyEvent(event: BodyEvent, change: Change): Promise<void> {
  switch (event.type) {
    case 'BodyEstablished': {
      const { bodyId, name, kind, organisationId, memberOrganisationIds, establishedOn, termsOfReference } = event.data;
      await change.write(
        `INSERT INTO bodies (position, recorded_at, body_id, name, kind, organisation_id, member_organisation_ids, established_on, terms_of_reference)
         VALUES ($1, $2, $3, $4::json, $5, $6, $7::text[], $8, $9::json)`,
        [bodyId, json(name), kind, organisationId, memberOrganisationIds, establishedOn, json(termsOfReference)],
      );
      const named = [...new Set([...(organisationId === null ? [] : [organisationId]), ...memberOrganisationIds])];
      if (named.length === 0) return;
      return change.write(
        `INSERT INTO body_organisations (position, recorded_at, body_id, organisation_id) SELECT $1::text, $2::timestamptz, $3::text, unnest($4::text[])`,
        [bodyId, named],
      );
    }
    case 'BodyDissolved': {
      const { bodyId, dissolvedOn } = event.data;
      return change.update(
        `UPDATE bodies SET position = $1, recorded_at = $2, dissolved_on = $4 WHERE body_id = $3 RETURNING 1`,
        [bodyId, dissolvedOn],
        `body ${bodyId}`,
      );
    }
    case 'MembershipStarted': {
      const { bodyId, membershipId, member, role, onBehalfOfOrganisationId, startDate, endDate } = event.data;
      const [memberName, memberOrganisationId] = member.kind === 'person' ? [member.name, null] : [null, member.organisationId];
      return change.write(
        `INSERT INTO memberships (position, recorded_at, body_id, membership_id, member_name, member_organisation_id, role, on_behalf_of_organisation_id, start_date, end_date)
         VALUES ($1, $2, $3, $4, $5::json, $6, $7::json, $8, $9, $10)`,
        [bodyId, membershipId, json(memberName), memberOrganisationId, json(role), onBehalfOfOrganisationId, startDate, endDate],
      );
    }
    case 'MembershipEnded': {
      const { bodyId, membershipId, endDate, reason } = event.data;
      return change.update(
        `UPDATE memberships SET position = $1, recorded_at = $2, end_date = $5, ended = true, end_reason = $6::json
         WHERE body_id = $3 AND membership_id = $4 RETURNING 1`,
        [bodyId, membershipId, endDate, json(reason)],
        `membership ${membershipId} of ${bodyId}`,
      );
    }
    default:
      return unexpected(event);
  }
}

async function applyPostEvent(event: PostEvent, change: Change): Promise<void> {
  switch (event.type) {
    case 'PostCreated': {
      const { postId, title, organisationId } = event.data;
      return change.write(`INSERT INTO posts (position, recorded_at, post_id, title, organisation_id) VALUES ($1, $2, $3, $4::json, $5)`, [
        postId,
        json(title),
        organisationId,
      ]);
    }
    case 'PostHolderRecorded': {
      const { postId, personName, startDate, endDate } = event.data;
      return change.write(
        `INSERT INTO post_holdings (position, recorded_at, post_id, start_date, person_name, end_date) VALUES ($1, $2, $3, $4, $5::json, $6)`,
        [postId, startDate, json(personName), endDate],
      );
    }
    case 'PostHoldingEnded': {
      const { postId, startDate, endDate, reason } = event.data;
      return change.update(
        `UPDATE post_holdings SET position = $1, recorded_at = $2, end_date = $5, ended = true, end_reason = $6::json
         WHERE post_id = $3 AND start_date = $4 AND end_date IS NULL RETURNING 1`,
        [postId, startDate, endDate, json(reason)],
        `open holding of ${postId} from ${startDate}`,
      );
    }
    default:
      return unexpected(event);
  }
}

/** A type the projection lists in `handles` but has no case for: a bug here, stopped loudly. */
function unexpected(event: never): never {
  throw new Error(`The projection has no case for ${(event as { type: string }).type}.`);
}
