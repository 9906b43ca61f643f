import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { knownAt } from '@ledger/facts';
import { NotFoundError } from '@ledger/governance';
import { AuthorityQueries, listProposals, proposalById, proposalHistory, proposalWithAuthorityNow, redactExempt, type HistoryEntry, type Page, type ProposalListItem, type ProposalView } from '@ledger/read-models';
import { SealedLog } from '@ledger/verifiable-log';
import { asKnownOfRequest } from '../../read-models/as-known-at.interceptor.js';
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

/** A proposal, each of its decisions saying whether its authority still holds on what the ledger knows now. */
@QueryHandler(GetProposal)
export class GetProposalHandler implements IQueryHandler<GetProposal> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly authority: AuthorityQueries,
  ) {}

  async execute({ proposalId, seesExemptDetail }: GetProposal): Promise<ProposalView> {
    const found = await proposalById(this.readModels, proposalId, { now: new Date().toISOString() });
    if (found === null) throw new NotFoundError('proposal', proposalId);
    const view = await proposalWithAuthorityNow(found, this.authority);
    return seesExemptDetail ? view : redactExempt(view);
  }
}

/** A proposal's history: its stream, checked against the seal, as far as the read models stand (as known at a past moment when the request asks). */
@QueryHandler(GetProposalHistory)
export class GetProposalHistoryHandler implements IQueryHandler<GetProposalHistory> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly sealedLog: SealedLog,
  ) {}

  async execute({ proposalId, page: query, seesExemptDetail }: GetProposalHistory): Promise<Page<HistoryEntry>> {
    const asKnown = asKnownOfRequest.getStore();
    const page = await proposalHistory(this.readModels, this.sealedLog, proposalId, query, asKnown ? knownAt(asKnown.knownAt) : undefined);
    if (page === null) throw new NotFoundError('proposal', proposalId);
    return seesExemptDetail ? page : redactExempt(page);
  }
}
