import type { StoredEvent } from '@ledger/event-store';
import { bodyCodec, formatPounds, londonDate } from '@ledger/governance';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2017-05-16T…` → "16 May 2017", the London date as a clerk writes it. */
export function writtenDate(instant: unknown): string {
  if (typeof instant !== 'string') return 'an unknown date';
  const [year, month, day] = londonDate(instant).split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

const OUTCOME_VERBS: Record<string, string> = {
  approved: 'approved',
  'approved-with-conditions': 'approved with conditions',
  rejected: 'rejected',
  deferred: 'deferred',
  noted: 'noted',
};

type Data = Record<string, unknown>;

/**
 * One line of English for the audit trail, e.g. "wokingham-ccg-cmt approved version 1 of
 * wbc-enhanced-s75 on 16 May 2017". Ids stand for the things they name; an event type without a
 * sentence of its own is still described by its type and stream. Always one line, whatever the
 * titles and names in it hold.
 */
export function summarise(event: Pick<StoredEvent, 'type' | 'data' | 'streamId'> & { schemaVersion?: number }): string {
  return sentenceOf(event).replace(LINE_BREAKS, ' ');
}

/** What would break a line, or a CSV row, or a log line: a title's own line breaks become spaces. */
const LINE_BREAKS = /[\r\n\u2028\u2029\u0085]+/g;

function sentenceOf(event: Pick<StoredEvent, 'type' | 'data' | 'streamId'> & { schemaVersion?: number }): string {
  const data = (event.data ?? {}) as Data;
  switch (event.type) {
    case 'ApiKeyIssued': {
      const bodies = (data.bodyIds as string[] | undefined)?.length ? ` for ${(data.bodyIds as string[]).join(', ')}` : '';
      const expiry = data.expiresAt ? `, expiring ${writtenDate(data.expiresAt)}` : '';
      const replacing = (data.replaces as string[] | undefined)?.length ? `, replacing ${(data.replaces as string[]).join(', ')}` : '';
      const before = data.issuedBeforeRecording ? ` (issued ${writtenDate((data.issuedBeforeRecording as Data).issuedAt)}, before keys were recorded)` : '';
      return `API key ${data.keyId} of ${data.name} issued as ${data.role}${bodies}${expiry}${replacing}${before}`;
    }
    case 'ApiKeyExpirySet':
      return `API key ${data.keyId} of ${data.name} set to expire ${writtenDate(data.expiresAt)}: ${data.reason}`;
    case 'ApiKeyRevoked':
      return `API key ${data.keyId} of ${data.name} revoked: ${data.reason}`;
    case 'ApiKeyExpired':
      return `API key ${data.keyId} of ${data.name} expired ${writtenDate(data.expiredAt)}`;
    case 'OrganisationRegistered':
      return `${data.name} (${data.organisationId}) registered as ${data.kind}, established ${writtenDate(data.establishedOn)}`;
    case 'OrganisationDissolved':
      return `${data.organisationId} dissolved on ${writtenDate(data.dissolvedOn)}${data.successorId ? `, succeeded by ${data.successorId} (delegations ${data.transferDelegations ? 'transfer' : 'lapse'})` : ''}`;
    case 'OrganisationSucceeded':
      return `${data.organisationId} succeeded ${data.predecessorId} on ${writtenDate(data.succeededOn)}`;
    case 'GoverningBodyDesignated':
      return `${data.bodyId} became the governing body of ${data.organisationId} on ${writtenDate(data.from)}`;
    case 'GoverningBodyVacated':
      return `${data.bodyId} ceased to be the governing body of ${data.organisationId} on ${writtenDate(data.from)}`;
    case 'BodyEstablished':
      return `${data.name} (${data.bodyId}) established as ${data.kind} on ${writtenDate(data.establishedOn)}`;
    case 'BodyDissolved':
      return `${data.bodyId} dissolved on ${writtenDate(data.dissolvedOn)}`;
    case 'MembershipStarted': {
      // Read through the body's codec: events of schema version 1 named the member in two fields.
      const decoded = bodyCodec.decode({ type: event.type, schemaVersion: event.schemaVersion ?? 1, data: event.data });
      if (decoded.type !== 'MembershipStarted') throw new Error(`The body codec read a MembershipStarted event as ${decoded.type}.`);
      const { member, bodyId, role, startDate } = decoded.data;
      return `${member.kind === 'person' ? member.name : member.organisationId} joined ${bodyId} as ${role} on ${writtenDate(startDate)}`;
    }
    case 'MembershipEnded':
      return `membership ${data.membershipId} of ${data.bodyId} ended on ${writtenDate(data.endDate)}`;
    case 'PostCreated':
      return `post ${data.title} (${data.postId}) created for ${data.organisationId}`;
    case 'PostHolderRecorded':
      return `${data.personName} held ${data.postId} from ${writtenDate(data.startDate)}`;
    case 'DelegationGranted':
      return `${data.fromId} delegated ${(data.scopes as string[] | undefined)?.join(', ')} to ${data.toId}${typeof data.limitPence === 'number' ? ` up to ${formatPounds(data.limitPence)}` : ''} from ${writtenDate(data.effectiveFrom)} (${data.delegationId})`;
    case 'DelegationVaried':
      return `delegation ${data.delegationId} varied with effect from ${writtenDate(data.effectiveFrom)}`;
    case 'DelegationSuspended':
      return `delegation ${data.delegationId} suspended with effect from ${writtenDate(data.effectiveFrom)}`;
    case 'DelegationReinstated':
      return `delegation ${data.delegationId} reinstated with effect from ${writtenDate(data.effectiveFrom)}`;
    case 'DelegationRevoked':
      return `delegation ${data.delegationId} revoked with effect from ${writtenDate(data.effectiveFrom)}`;
    case 'ProposalTabled':
      return `${data.proposalId} tabled on ${writtenDate(data.tabledOn)}: ${data.title}`;
    case 'ProposalAmended':
      return `${data.proposalId} amended to version ${data.version} on ${writtenDate(data.amendedOn)}`;
    case 'ProposalWithdrawn':
      return `${data.proposalId} withdrawn on ${writtenDate(data.withdrawnOn)}`;
    case 'RatificationRecorded':
      return `${data.deciderId} ${OUTCOME_VERBS[String(data.outcome)] ?? data.outcome} version ${data.version} of ${data.proposalId} on ${writtenDate(data.decidedOn)}`;
    case 'RatificationRescinded':
      return `decision ${data.ratificationId} on ${data.proposalId} rescinded on ${writtenDate(data.rescindedOn)}`;
    case 'CallInLodged':
      return `${data.scrutinyBodyId} called in ${data.ratificationId} on ${writtenDate(data.lodgedOn)}`;
    case 'CallInResolved':
      return `call-in ${data.callInId} resolved (${data.outcome}) on ${writtenDate(data.resolvedOn)}`;
    case 'ProposalRatified':
      return `${data.proposalId} ratified`;
    case 'ProposalRejected':
      return `${data.proposalId} rejected`;
    default:
      return `${event.type} in ${event.streamId}`;
  }
}
