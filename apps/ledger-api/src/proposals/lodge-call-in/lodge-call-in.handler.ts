import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseInstant } from '@ledger/governance';
import { assertActsFor } from '../../commands/acting-for-body.js';
import { DeciderFacts } from '../../commands/decider-facts.js';
import { LedgerClock } from '../../commands/ledger-clock.js';
import type { ProposalAnswer } from '../proposal-answer.js';
import { ProposalStreams } from '../proposal-streams.js';
import { LodgeCallIn } from './lodge-call-in.command.js';

@CommandHandler(LodgeCallIn)
export class LodgeCallInHandler implements ICommandHandler<LodgeCallIn> {
  constructor(
    private readonly proposals: ProposalStreams,
    private readonly deciders: DeciderFacts,
    private readonly clock: LedgerClock,
  ) {}

  execute({ proposalId, request, context }: LodgeCallIn): Promise<ProposalAnswer> {
    assertActsFor(context, request.scrutinyBodyId);
    return this.proposals.decide(
      proposalId,
      request.callInId,
      async () => ({
        type: 'LodgeCallIn',
        proposalId,
        callInId: request.callInId,
        ratificationId: request.ratificationId,
        scrutinyBodyId: request.scrutinyBodyId,
        lodgedOn: parseInstant(request.lodgedOn)!,
        now: this.clock.now(),
        reason: request.reason,
        scrutinyBody: await this.deciders.scrutinyBody(request.scrutinyBodyId),
      }),
      context,
    );
  }
}
