import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { bodyDecider, bodyStreamId, parseInstant, type BodyCommand } from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { StreamDecisions } from '../../commands/stream-decisions.js';
import { EndMembership } from './end-membership.command.js';

@CommandHandler(EndMembership)
export class EndMembershipHandler implements ICommandHandler<EndMembership> {
  constructor(private readonly streams: StreamDecisions) {}

  async execute({ bodyId, membershipId, request, context }: EndMembership): Promise<CommandAnswer> {
    const decision = await this.streams.decide(
      bodyStreamId(bodyId),
      bodyDecider,
      (): BodyCommand => ({ type: 'EndMembership', bodyId, membershipId, endDate: parseInstant(request.endDate)!, reason: request.reason }),
      context,
    );
    return { id: membershipId, position: decision.position };
  }
}
