import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@ledger/governance';
import { listProposals, proposalById, proposalHistory, redactExempt, type HistoryEntry, type Page, type ProposalListItem, type ProposalView } from '@ledger/read-models';
import { READ_MODELS, type ReadModels } from '../../read-models/read-models.js';
import { GetProposal, GetProposalHistory, ListProposalRegister } from './proposal-register.queries.js';

@QueryHandler(ListProposalRegister)
export class ListProposalRegisterHandler implements IQueryHandler<ListProposalRegister> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ filter, seesExemptDetail }: ListProposalRegister): Promise<Page<ProposalListItem>> {
    const page = await listProposals(this.readModels, filter);
    return seesExemptDetail ? page : redactExempt(page);
  }
}

@QueryHandler(GetProposal)
export class GetProposalHandler implements IQueryHandler<GetProposal> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ proposalId, seesExemptDetail }: GetProposal): Promise<ProposalView> {
    const view = await proposalById(this.readModels, proposalId, { now: new Date().toISOString() });
    if (view === null) throw new NotFoundError('proposal', proposalId);
    return seesExemptDetail ? view : redactExempt(view);
  }
}

@QueryHandler(GetProposalHistory)
export class GetProposalHistoryHandler implements IQueryHandler<GetProposalHistory> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ proposalId, page: query, seesExemptDetail }: GetProposalHistory): Promise<Page<HistoryEntry>> {
    const page = await proposalHistory(this.readModels, proposalId, query);
    if (page === null) throw new NotFoundError('proposal', proposalId);
    return seesExemptDetail ? page : redactExempt(page);
  }
}
