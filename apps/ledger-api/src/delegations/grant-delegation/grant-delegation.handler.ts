import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuthorityFacts } from '@ledger/facts';
import {
  delegationIdDecider,
  delegationIdStreamId,
  parseInstant,
  schemeDecider,
  schemeStreamId,
  type SchemeCommand,
  type SchemeState,
} from '@ledger/governance';
import type { CommandAnswer } from '../../commands/command-answer.js';
import { DeciderFacts } from '../../commands/decider-facts.js';
import { StreamDecisions, streamPart } from '../../commands/stream-decisions.js';
import { GrantDelegation } from './grant-delegation.command.js';

/**
 * Grants a delegation in its organisation's scheme. The scheme's rules are checked first (so that
 * their refusal is the one given), then the id's claim across all schemes and the grant are
 * decided on the streams' latest versions and appended as one change: a refusal or failure of
 * either records neither.
 */
@CommandHandler(GrantDelegation)
export class GrantDelegationHandler implements ICommandHandler<GrantDelegation> {
  constructor(
    private readonly streams: StreamDecisions,
    private readonly authority: AuthorityFacts,
    private readonly deciders: DeciderFacts,
  ) {}

  async execute({ request, context }: GrantDelegation): Promise<CommandAnswer> {
    const grant = async (): Promise<SchemeCommand> => {
      const [{ sources }, holders] = await Promise.all([
        this.authority.of(request.organisationId),
        Promise.all([this.deciders.holder(request.fromId), this.deciders.holder(request.toId)]),
      ]);
      return {
        type: 'GrantDelegation',
        delegationId: request.id,
        organisationId: request.organisationId,
        fromId: request.fromId,
        toId: request.toId,
        scopes: request.scopes,
        limitPence: request.limitPence ?? null,
        effectiveFrom: parseInstant(request.effectiveFrom)!,
        effectiveUntil: request.effectiveUntil === undefined || request.effectiveUntil === null ? null : parseInstant(request.effectiveUntil)!,
        mayRedelegate: request.mayRedelegate,
        instrument: { title: request.instrument.title, reference: request.instrument.reference ?? null, url: request.instrument.url ?? null },
        authorisedByProposalId: request.authorisedByProposalId ?? null,
        organisation: sources.organisation,
        predecessors: sources.predecessors,
        holders,
      };
    };
    const scheme = await this.streams.loadForCommand(schemeStreamId(request.organisationId), schemeDecider, context);
    schemeDecider.decide(await grant(), scheme.state);
    // The id's claim across all schemes and the grant are one change: both appended or neither.
    const [, granted] = await this.streams.decideTogether(
      [
        streamPart(delegationIdStreamId(request.id), delegationIdDecider, () => ({ type: 'ClaimDelegationId', delegationId: request.id, organisationId: request.organisationId })),
        streamPart(schemeStreamId(request.organisationId), schemeDecider, (_: SchemeState) => grant()),
      ],
      context,
    );
    return { id: request.id, position: granted.position };
  }
}
