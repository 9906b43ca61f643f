import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuthorityFacts } from '@ledger/facts';
import { delegationIdDecider, delegationIdStreamId, NotFoundError, parseInstant, schemeDecider, schemeStreamId, type SchemeCommand } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { StreamDecisions } from '../../commands/stream-decisions.js';
import { ChangeDelegation } from './change-delegation.command.js';

@CommandHandler(ChangeDelegation)
export class ChangeDelegationHandler implements ICommandHandler<ChangeDelegation> {
  constructor(
    private readonly streams: StreamDecisions,
    private readonly authority: AuthorityFacts,
  ) {}

  async execute({ delegationId, change, context }: ChangeDelegation): Promise<CommandAnswer> {
    const { state: claim } = await this.streams.load(delegationIdStreamId(delegationId), delegationIdDecider);
    if (claim.claimedBy === null) throw new NotFoundError('delegation', delegationId);
    const organisationId = claim.claimedBy;
    const common = { delegationId, organisationId, effectiveFrom: parseInstant(change.request.effectiveFrom)!, reason: change.request.reason };
    const decision = await this.streams.decide(
      schemeStreamId(organisationId),
      schemeDecider,
      async (): Promise<SchemeCommand> => {
        if (change.kind !== 'VaryDelegation') return { type: change.kind, ...common };
        const { sources } = await this.authority.of(organisationId);
        const { scopes, limitPence, effectiveUntil, mayRedelegate } = change.request;
        return {
          type: 'VaryDelegation',
          ...common,
          scopes,
          limitPence,
          effectiveUntil: effectiveUntil === undefined || effectiveUntil === null ? effectiveUntil : parseInstant(effectiveUntil)!,
          mayRedelegate,
          organisation: sources.organisation,
          predecessors: sources.predecessors,
        };
      },
      context,
    );
    return { id: delegationId, position: decision.position };
  }
}
