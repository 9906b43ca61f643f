import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findRatification, parseInstant } from '@ledger/governance';
import { assertActsFor } from '../../commands/acting-for-body.js';
import type { ProposalAnswer } from '../proposal-answer.js';
import { ProposalStreams } from '../proposal-streams.js';
import { RescindRatification } from './rescind-ratification.command.js';

@CommandHandler(RescindRatification)
export class RescindRatificationHandler implements ICommandHandler<RescindRatification> {
  constructor(private readonly proposals: ProposalStreams) {}

  execute({ proposalId, ratificationId, request, context }: RescindRatification): Promise<ProposalAnswer> {
    return this.proposals.decide(
      proposalId,
      ratificationId,
      (state) => {
        const ratification = state.status === 'untabled' ? undefined : findRatification(state, ratificationId);
        if (ratification) assertActsFor(context, ratification.deciderId);
        return { type: 'RescindRatification', proposalId, ratificationId, rescindedOn: parseInstant(request.rescindedOn)!, reason: request.reason };
      },
      context,
    );
  }
}
