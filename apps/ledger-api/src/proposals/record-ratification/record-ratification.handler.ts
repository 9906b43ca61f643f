import { createHash, randomBytes } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { answerOfBasis, currentProposalVersion, parseInstant, type ProposalState, type RecordRatification as RecordRatificationCommand } from '@ledger/governance';
import { AuthorityFacts } from '@ledger/facts';
import { assertActsFor } from '../../commands/acting-for-body.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderFacts } from '../../commands/decider-facts.js';
import { LedgerClock } from '../../commands/ledger-clock.js';
import { ProposalStreams } from '../proposal-streams.js';
import type { RatificationAnswer } from './ratification-answer.js';
import { RecordRatification } from './record-ratification.command.js';

/**
 * Records a decision. The handler gathers the facts — the proposal, the decider, and authority
 * over each organisation on the route, from their streams as they stand now (the authority facts
 * the reads answer authority questions on too) — and the proposal's rules decide: for an `approve`
 * step they ask the decider's authority at `decidedOn` of those facts. The accepted event keeps the
 * chains and the stream versions read; a refusal is 422 `no_authority` with the reasons.
 */
@CommandHandler(RecordRatification)
export class RecordRatificationHandler implements ICommandHandler<RecordRatification> {
  constructor(
    private readonly proposals: ProposalStreams,
    private readonly deciders: DeciderFacts,
    private readonly authorityFacts: AuthorityFacts,
    private readonly clock: LedgerClock,
  ) {}

  async execute({ proposalId, request, context }: RecordRatification): Promise<RatificationAnswer> {
    assertActsFor(context, request.deciderId);
    const ratificationId = request.ratificationId ?? madeUpRatificationId(context);
    const { answer, events } = await this.proposals.decideAndRecord(
      proposalId,
      ratificationId,
      async (state, reader): Promise<RecordRatificationCommand> => {
        // The facts of authority over every organisation on the route, for the decision to ask its
        // question of; the append depends only on the facts it asks about.
        const facts = await this.authorityFacts.ofEach(routeOrganisations(state), reader.consulting);
        return {
          type: 'RecordRatification',
          proposalId,
          ratificationId,
          organisationId: request.organisationId ?? null,
          deciderId: request.deciderId,
          version: request.version,
          outcome: request.outcome,
          decidedOn: parseInstant(request.decidedOn)!,
          now: this.clock.now(),
          reasons: request.reasons ?? null,
          alternativesConsidered: request.alternativesConsidered ?? null,
          meeting: request.meeting ? { minuteRef: request.meeting.minuteRef ?? null, url: request.meeting.url ?? null } : null,
          conditions: request.conditions ?? null,
          conflictsOfInterest: (request.conflictsOfInterest ?? []).map(({ member, interest, dispensation }) => ({ member, interest, dispensation: dispensation ?? null })),
          decidedByPerson: request.decidedByPerson ?? null,
          callInUntil: request.callInUntil === undefined || request.callInUntil === null ? null : parseInstant(request.callInUntil)!,
          decider: await this.deciders.of(request.deciderId, reader),
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
          ...DeciderFacts.streamsOf(request.deciderId),
          ...routeOrganisations(state).flatMap((organisationId) => AuthorityFacts.streamsOf(organisationId)),
        ],
      },
    );
    const recorded = events.find((event) => event.type === 'RatificationRecorded');
    const basis = recorded?.type === 'RatificationRecorded' ? recorded.data.authority : null;
    return { ...answer, authority: basis && answerOfBasis(basis) };
  }
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
