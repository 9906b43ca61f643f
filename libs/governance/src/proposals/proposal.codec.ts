import { AMENDABLE_FIELDS, CALL_IN_OUTCOMES, RATIFICATION_OUTCOMES, REOPENING_CAUSES, type ProposalEvent } from './proposal.events.js';
import { EventCodec, instant, listOf, oneOf, orNull, shaped, text, whole, yesNo } from '../shared/event-codec.js';
import { isScope } from '../shared/scope.js';
import { ROUTE_REQUIREMENTS } from './route.js';

const routeStep = shaped({ organisationId: orNull(text), bodyId: orNull(text), requirement: oneOf(ROUTE_REQUIREMENTS) }, { scopes: listOf(isScope), valuePence: whole });
const exempt = shaped({ paragraph: oneOf([1, 2, 3, 4, 5, 6, 7]), reason: text });
const authorityLink = shaped(
  { delegationId: text, fromId: text, toId: text, scopes: listOf(isScope), limitPence: orNull(whole), effectiveFrom: instant, effectiveUntil: orNull(instant) },
  { mayRedelegate: yesNo, organisationId: text },
);
const authorityBasis = shaped({
  holderId: text,
  organisationId: text,
  scopes: listOf(isScope),
  amountPence: orNull(whole),
  at: instant,
  chains: listOf(listOf(authorityLink)),
  readAt: listOf(shaped({ streamId: text, version: whole })),
});
const settled = { proposalId: text, version: whole, ratificationIds: listOf(text) };

/** A proposal's stream, read from the store. */
export const proposalCodec = new EventCodec<ProposalEvent>('proposal', {
  ProposalTabled: {
    schemaVersion: 1,
    fields: {
      proposalId: text,
      version: oneOf([1]),
      title: text,
      summary: orNull(text),
      scopes: listOf(isScope),
      valuePence: orNull(whole),
      keyDecision: yesNo,
      exempt: orNull(exempt),
      proposedById: text,
      route: listOf(routeStep),
      tabledOn: instant,
    },
  },
  ProposalAmended: {
    schemaVersion: 1,
    fields: {
      proposalId: text,
      version: whole,
      amendedOn: instant,
      reason: text,
      changed: listOf(oneOf(AMENDABLE_FIELDS)),
      title: text,
      summary: orNull(text),
      scopes: listOf(isScope),
      valuePence: orNull(whole),
      route: listOf(routeStep),
    },
  },
  ProposalWithdrawn: { schemaVersion: 1, fields: { proposalId: text, version: whole, withdrawnOn: instant, reason: text } },
  RatificationRecorded: {
    schemaVersion: 1,
    fields: {
      proposalId: text,
      ratificationId: text,
      version: whole,
      stepIndex: whole,
      requirement: oneOf(ROUTE_REQUIREMENTS),
      organisationId: orNull(text),
      deciderId: text,
      deciderKind: oneOf(['body', 'post']),
      outcome: oneOf(RATIFICATION_OUTCOMES),
      decidedOn: instant,
      reasons: orNull(text),
      alternativesConsidered: orNull(text),
      meeting: orNull(shaped({ minuteRef: orNull(text), url: orNull(text) })),
      conditions: orNull(text),
      conflictsOfInterest: listOf(shaped({ member: text, interest: text, dispensation: orNull(text) })),
      decidedByPerson: orNull(text),
      callInUntil: orNull(instant),
      authority: orNull(authorityBasis),
    },
  },
  RatificationRescinded: { schemaVersion: 1, fields: { proposalId: text, ratificationId: text, rescindedOn: instant, reason: text } },
  CallInLodged: { schemaVersion: 1, fields: { proposalId: text, callInId: text, ratificationId: text, scrutinyBodyId: text, lodgedOn: instant, reason: text } },
  CallInResolved: { schemaVersion: 1, fields: { proposalId: text, callInId: text, ratificationId: text, resolvedOn: instant, outcome: oneOf(CALL_IN_OUTCOMES) } },
  ProposalRatified: { schemaVersion: 1, fields: { ...settled, ratifiedOn: instant } },
  ProposalRejected: { schemaVersion: 1, fields: { ...settled, rejectedOn: instant } },
  ProposalReopened: {
    schemaVersion: 1,
    fields: { proposalId: text, version: whole, reopenedOn: instant, previously: oneOf(['ratified', 'rejected']), cause: oneOf(REOPENING_CAUSES), ratificationId: orNull(text) },
  },
});
