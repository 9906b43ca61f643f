import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseInstant } from '@ledger/governance';
import { DeciderFacts } from '../../commands/decider-facts.js';
import { LedgerClock } from '../../commands/ledger-clock.js';
import { OrganisationFacts } from '../../commands/organisation-facts.js';
import type { ProposalAnswer } from '../proposal-answer.js';
import { ProposalStreams } from '../proposal-streams.js';
import { routeSteps } from '../table-proposal/route-steps.js';
import { AmendProposal } from './amend-proposal.command.js';

@CommandHandler(AmendProposal)
export class AmendProposalHandler implements ICommandHandler<AmendProposal> {
  constructor(
    private readonly proposals: ProposalStreams,
    private readonly organisations: OrganisationFacts,
    private readonly deciders: DeciderFacts,
    private readonly clock: LedgerClock,
  ) {}

  async execute({ proposalId, request, context }: AmendProposal): Promise<ProposalAnswer> {
    const route = request.route ? routeSteps(request.route) : undefined;
    return this.proposals.decide(
      proposalId,
      proposalId,
      async () => ({
        type: 'AmendProposal',
        proposalId,
        amendedOn: parseInstant(request.amendedOn)!,
        now: this.clock.now(),
        reason: request.reason,
        title: request.title,
        summary: request.summary,
        scopes: request.scopes,
        valuePence: request.valuePence,
        route,
        organisations: route ? await this.organisations.ofEach(route.map((step) => step.organisationId)) : undefined,
        deciders: route ? await this.deciders.ofEach(route.map((step) => step.bodyId)) : undefined,
      }),
      context,
    );
  }
}
