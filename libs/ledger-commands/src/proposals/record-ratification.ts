import { createHash, randomBytes } from 'node:crypto';
import { AuthorityFacts } from '@ledger/facts';
import { answerOfBasis, currentProposalVersion, parseInstant, type ProposalState, type RatificationOutcome, type RecordRatification as RecordRatificationCommand } from '@ledger/governance';
import { assertActsFor } from '../acting-for-body.js';
import type { RatificationAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import { DecisionMakerFacts } from '../decision-maker-facts.js';
import type { LedgerCommands } from '../ledger-commands.js';

export interface RecordRatificationInput {
  ratificationId?: string;
  organisationId?: string;
  deciderId: string;
  version: number;
  outcome: RatificationOutcome;
  decidedOn: string;
  reasons?: string;
  alternativesConsidered?: string;
  meeting?: { minuteRef?: string; url?: string };
  conditions?: string;
  conflictsOfInterest?: { member: string; interest: string; dispensation?: string }[];
  decidedByPerson?: string;
  callInUntil?: string | null;
}

/**
 * Records a decision. The facts are gathered — the proposal, the decision-maker, and authority
 * over each organisation on the route, from their streams as they stand now (the authority facts
 * the reads answer authority questions on too) — and the proposal's rules decide: for an `approve`
 * step they ask the decider's authority at `decidedOn` of those facts. The accepted event keeps the
 * chains and the stream versions read; a refusal is `NoAuthorityError` with the reasons.
 */
export async function recordRatification(ledger: LedgerCommands, proposalId: string, input: RecordRatificationInput, context: CommandContext): Promise<RatificationAnswer> {
  assertActsFor(context, input.deciderId);
  const ratificationId = input.ratificationId ?? madeUpRatificationId(context);
  const { answer, events } = await ledger.proposals.decideAndRecord(
    proposalId,
    ratificationId,
    async (state, reader): Promise<RecordRatificationCommand> => {
      // The facts of authority over every organisation on the route, for the decision to ask its
      // question of; the append depends only on the facts it asks about.
      const facts = await ledger.authority.ofEach(routeOrganisations(state), reader.consulting);
      return {
        type: 'RecordRatification',
        proposalId,
        ratificationId,
        organisationId: input.organisationId ?? null,
        deciderId: input.deciderId,
        version: input.version,
        outcome: input.outcome,
        decidedOn: parseInstant(input.decidedOn)!,
        now: ledger.clock.now(),
        reasons: input.reasons ?? null,
        alternativesConsidered: input.alternativesConsidered ?? null,
        meeting: input.meeting ? { minuteRef: input.meeting.minuteRef ?? null, url: input.meeting.url ?? null } : null,
        conditions: input.conditions ?? null,
        conflictsOfInterest: (input.conflictsOfInterest ?? []).map(({ member, interest, dispensation }) => ({ member, interest, dispensation: dispensation ?? null })),
        decidedByPerson: input.decidedByPerson ?? null,
        callInUntil: input.callInUntil === undefined || input.callInUntil === null ? null : parseInstant(input.callInUntil)!,
        decisionMaker: await ledger.decisionMakers.of(input.deciderId, reader),
        authority: {
          of: (organisationId) => {
            const read = facts.get(organisationId);
            if (!read) throw new Error(`Authority over ${organisationId} was asked about, but it is not on the route of proposal ${proposalId}.`);
            reader.dependOn(read.readAt);
            return read;
          },
        },
      };
    },
    context,
    {
      // Everything the decision reads, in the same round trip as the proposal: the decider, and the
      // organisations on the route (as last seen) with their schemes of delegation.
      alsoRead: (state) => [
        ...DecisionMakerFacts.streamsOf(input.deciderId),
        ...routeOrganisations(state).flatMap((organisationId) => AuthorityFacts.streamsOf(organisationId)),
      ],
    },
  );
  const recorded = events.find((event) => event.type === 'RatificationRecorded');
  const basis = recorded?.type === 'RatificationRecorded' ? recorded.data.authority : null;
  return { ...answer, authority: basis && answerOfBasis(basis) };
}

function routeOrganisations(state: ProposalState): string[] {
  if (state.status === 'untabled') return [];
  return [...new Set(currentProposalVersion(state).route.flatMap((step) => (step.organisationId ? [step.organisationId] : [])))];
}

/** An id for a ratification the client did not name: stable across retries of one Idempotency-Key. */
function madeUpRatificationId(context: CommandContext): string {
  const seed = context.idempotencyKey === null ? randomBytes(16) : `${context.actor}\u0000${context.idempotencyKey}`;
  return `ratification-${createHash('sha256').update(seed).digest('hex').slice(0, 20)}`;
}
