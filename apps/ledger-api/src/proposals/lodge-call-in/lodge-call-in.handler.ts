import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { lodgeCallIn, LedgerCommands } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import { LodgeCallIn } from './lodge-call-in.command.js';

/** `lodgeCallIn` of the ledger's commands, from the request. */
@CommandHandler(LodgeCallIn)
export class LodgeCallInHandler implements ICommandHandler<LodgeCallIn> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ proposalId, request, context }: LodgeCallIn): Promise<ProposalAnswer> {
    return lodgeCallIn(this.ledger, proposalId, request, context);
  }
}
