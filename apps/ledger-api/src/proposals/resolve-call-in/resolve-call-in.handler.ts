import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { resolveCallIn, LedgerCommands } from '@ledger/ledger-commands';
import type { ProposalAnswer } from '../proposal-answer.js';
import { ResolveCallIn } from './resolve-call-in.command.js';

/** `resolveCallIn` of the ledger's commands, from the request. */
@CommandHandler(ResolveCallIn)
export class ResolveCallInHandler implements ICommandHandler<ResolveCallIn> {
  constructor(private readonly ledger: LedgerCommands) {}

  execute({ proposalId, callInId, request, context }: ResolveCallIn): Promise<ProposalAnswer> {
    return resolveCallIn(this.ledger, proposalId, callInId, request, context);
  }
}
