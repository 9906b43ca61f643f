import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findCallIn, parseInstant } from '@ledger/governance';
import { assertActsFor } from '../../commands/acting-for-body.js';
import { LedgerClock } from '../../commands/ledger-clock.js';
import type { ProposalAnswer } from '../proposal-answer.js';
import { ProposalStreams } from '../proposal-streams.js';
import { ResolveCallIn } from './resolve-call-in.command.js';

@CommandHandler(ResolveCallIn)
export class ResolveCallInHandler implements ICommandHandler<ResolveCallIn> {
  constructor(
    private readonly proposals: ProposalStreams,
    private readonly clock: LedgerClock,
  ) {}

  execute({ proposalId, callInId, request, context }: ResolveCallIn): Promise<ProposalAnswer> {
    return this.proposals.decide(
      proposalId,
      callInId,
      (state) => {
        const found = state.status === 'untabled' ? undefined : findCallIn(state, callInId);
        if (found) assertActsFor(context, found.callIn.scrutinyBodyId);
        return { type: 'ResolveCallIn', proposalId, callInId, resolvedOn: parseInstant(request.resolvedOn)!, now: this.clock.now(), outcome: request.outcome };
      },
      context,
    );
  }
}
