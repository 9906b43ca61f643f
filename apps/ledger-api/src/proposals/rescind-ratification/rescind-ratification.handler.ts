import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findRatification, parseInstant } from '@ledger/governance';
import { assertActsFor } from '../../commands/acting-for-body.js';
import { LedgerClock } from '../../commands/ledger-clock.js';
import type { ProposalAnswer } from '../proposal-answer.js';
import { ProposalStreams } from '../proposal-streams.js';
import { RescindRatification } from './rescind-ratification.command.js';

@CommandHandler(RescindRatification)
export class RescindRatificationHandler implements ICommandHandler<RescindRatification> {
  constructor(
    private readonly proposals: ProposalStreams,
    private readonly clock: LedgerClock,
  ) {}

  execute({ proposalId, ratificationId, request, context }: RescindRatification): Promise<ProposalAnswer> {
    return this.proposals.decide(
      proposalId,
      ratificationId,
      (state) => {
        const ratification = state.status === 'untabled' ? undefined : findRatification(state, ratificationId);
        if (ratification) assertActsFor(context, ratification.deciderId);
        return { type: 'RescindRatification', proposalId, ratificationId, rescindedOn: parseInstant(request.rescindedOn)!, now: this.clock.now(), reason: request.reason };
      },
      context,
    );
  }
}
