import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../commands/command-answer.js';
import type { CommandContext } from '@ledger/ledger-commands';
import type { DelegationChangeRequest, DelegationVariationRequest } from './delegation-change.request.js';

/** A change to a delegation in force, from an effective date (API.md: variations, suspensions, reinstatements, revocation). */
export type DelegationChange =
  | { kind: 'VaryDelegation'; request: DelegationVariationRequest }
  | { kind: 'SuspendDelegation' | 'ReinstateDelegation' | 'RevokeDelegation'; request: DelegationChangeRequest };

export class ChangeDelegation extends Command<CommandAnswer> {
  constructor(
    readonly delegationId: string,
    readonly change: DelegationChange,
    readonly context: CommandContext,
  ) {
    super();
  }
}
