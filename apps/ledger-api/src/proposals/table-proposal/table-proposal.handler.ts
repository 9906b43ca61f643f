import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseInstant } from '@ledger/governance';
import { DeciderFacts } from '../../commands/decider-facts.js';
import { LedgerClock } from '../../commands/ledger-clock.js';
import { OrganisationFacts } from '../../commands/organisation-facts.js';
import type { ProposalAnswer } from '../proposal-answer.js';
import { ProposalStreams } from '../proposal-streams.js';
import { routeSteps } from './route-steps.js';
import { TableProposal } from './table-proposal.command.js';

@CommandHandler(TableProposal)
export class TableProposalHandler implements ICommandHandler<TableProposal> {
  constructor(
    private readonly proposals: ProposalStreams,
    private readonly organisations: OrganisationFacts,
    private readonly deciders: DeciderFacts,
    private readonly clock: LedgerClock,
  ) {}

  async execute({ request, context }: TableProposal): Promise<ProposalAnswer> {
    const route = routeSteps(request.route);
    return this.proposals.decide(
      request.id,
      request.id,
      async () => ({
        type: 'TableProposal',
        proposalId: request.id,
        title: request.title,
        summary: request.summary ?? null,
        scopes: request.scopes,
        valuePence: request.valuePence ?? null,
        keyDecision: request.keyDecision,
        exempt: request.exempt ? { paragraph: request.exempt.paragraph, reason: request.exempt.reason } : null,
        proposedById: request.proposedById,
        route,
        tabledOn: parseInstant(request.tabledOn)!,
        now: this.clock.now(),
        organisations: await this.organisations.ofEach(route.map((step) => step.organisationId)),
        deciders: await this.deciders.ofEach(route.map((step) => step.bodyId)),
      }),
      context,
    );
  }
}
