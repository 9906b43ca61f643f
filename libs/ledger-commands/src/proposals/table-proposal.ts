import { parseInstant } from '@ledger/governance';
import type { ProposalAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';
import { routeSteps, type RouteStepInput } from './route-steps.js';

export interface TableProposalInput {
  id: string;
  title: string;
  summary?: string;
  scopes: string[];
  valuePence?: number;
  keyDecision: boolean;
  exempt?: { paragraph: 1 | 2 | 3 | 4 | 5 | 6 | 7; reason: string };
  proposedById: string;
  route: RouteStepInput[];
  tabledOn: string;
}

export async function tableProposal(ledger: LedgerCommands, input: TableProposalInput, context: CommandContext): Promise<ProposalAnswer> {
  const route = routeSteps(input.route);
  return ledger.proposals.decide(
    input.id,
    input.id,
    async () => ({
      type: 'TableProposal',
      proposalId: input.id,
      title: input.title,
      summary: input.summary ?? null,
      scopes: input.scopes,
      valuePence: input.valuePence ?? null,
      keyDecision: input.keyDecision,
      exempt: input.exempt ? { paragraph: input.exempt.paragraph, reason: input.exempt.reason } : null,
      proposedById: input.proposedById,
      route,
      tabledOn: parseInstant(input.tabledOn)!,
      now: ledger.clock.now(),
      organisations: await ledger.organisations.ofEach(route.map((step) => step.organisationId)),
      decisionMakers: await ledger.decisionMakers.ofEach(route.map((step) => step.bodyId)),
    }),
    context,
  );
}
