import { parseInstant } from '@ledger/governance';
import type { ProposalAnswer } from '../answers.js';
import type { CommandContext } from '../command-context.js';
import type { LedgerCommands } from '../ledger-commands.js';
import { routeSteps, type RouteStepInput } from './route-steps.js';

export interface AmendProposalInput {
  amendedOn: string;
  reason: string;
  title?: string;
  summary?: string | null;
  scopes?: string[];
  valuePence?: number | null;
  route?: RouteStepInput[];
}

export async function amendProposal(ledger: LedgerCommands, proposalId: string, input: AmendProposalInput, context: CommandContext): Promise<ProposalAnswer> {
  const route = input.route ? routeSteps(input.route) : undefined;
  return ledger.proposals.decide(
    proposalId,
    proposalId,
    async () => ({
      type: 'AmendProposal',
      proposalId,
      amendedOn: parseInstant(input.amendedOn)!,
      now: ledger.clock.now(),
      reason: input.reason,
      title: input.title,
      summary: input.summary,
      scopes: input.scopes,
      valuePence: input.valuePence,
      route,
      organisations: route ? await ledger.organisations.ofEach(route.map((step) => step.organisationId)) : undefined,
      decisionMakers: route ? await ledger.decisionMakers.ofEach(route.map((step) => step.bodyId)) : undefined,
    }),
    context,
  );
}
