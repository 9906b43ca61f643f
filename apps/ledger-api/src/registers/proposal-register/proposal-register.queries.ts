import { Query } from '@nestjs/cqrs';
import type { HistoryEntry, ListProposalsQuery, Page, ProposalHistoryQuery, ProposalListItem, ProposalView } from '@ledger/read-models';

/** The register of proposals; `seesExemptDetail` false redacts exempt detail (API.md "Exempt proposals"). */
export class ListProposalRegister extends Query<Page<ProposalListItem>> {
  constructor(
    readonly filter: ListProposalsQuery,
    readonly seesExemptDetail: boolean,
  ) {
    super();
  }
}

/** One proposal with its route, versions and every decision; 404 when no such proposal was tabled. */
export class GetProposal extends Query<ProposalView> {
  constructor(
    readonly proposalId: string,
    readonly seesExemptDetail: boolean,
  ) {
    super();
  }
}

/** Every event of a proposal, in order; 404 when the ledger holds none. */
export class GetProposalHistory extends Query<Page<HistoryEntry>> {
  constructor(
    readonly proposalId: string,
    readonly page: ProposalHistoryQuery,
    readonly seesExemptDetail: boolean,
  ) {
    super();
  }
}
